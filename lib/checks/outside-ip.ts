// Its own module so the browser can show the simulator's default source address without
// loading the engine (components/checks/use-checker.ts loads that after first paint).
/** A source address outside homey's networks (TEST-NET-3), for "from the internet" questions. */
export const OUTSIDE_IP = "203.0.113.10";
