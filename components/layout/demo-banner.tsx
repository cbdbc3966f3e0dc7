export function DemoBanner() {
  return (
    <div role="status" className="bg-amber-300 px-4 py-2 text-center text-sm font-semibold text-amber-950">
      Demo mode: signed in as a demo admin, editing a demo homey repo; deploys go to a simulated target, not a real Pi.
    </div>
  );
}
