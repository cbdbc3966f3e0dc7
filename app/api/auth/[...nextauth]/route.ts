import NextAuth from "next-auth";
import { breakGlassEnabled, breakGlassOptions } from "@/lib/auth/break-glass";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth only serves the break-glass login; it is absent unless configured.
async function handler(request: Request, context: Context) {
  if (!breakGlassEnabled()) return Response.json({ error: "Break-glass login is not configured." }, { status: 404 });
  return NextAuth(request as never, { params: await context.params } as never, breakGlassOptions());
}

export { handler as GET, handler as POST };
