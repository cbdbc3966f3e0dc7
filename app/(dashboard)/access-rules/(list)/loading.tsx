// List pages only: see components/ui/list-skeleton.tsx for why editors have no loading.tsx.
export { ListSkeleton as default } from "@/components/ui/list-skeleton";
