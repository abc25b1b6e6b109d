// Preloaded with `node --import` into a spawned bot process: its wall clock starts at PAPERBOY_TEST_CLOCK (an
// ISO instant) and runs at the normal rate from there. Everything in the process — node-cron's trigger, the
// scheduler's catch-up, the logs — reads this clock, as a bot started at that time would.
const start = process.env.PAPERBOY_TEST_CLOCK;
if (start) {
  const RealDate = Date;
  const offset = RealDate.parse(start) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`PAPERBOY_TEST_CLOCK is not a time: ${start}`);
  const now = () => RealDate.now() + offset;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      return property === 'now' ? now : Reflect.get(target, property, receiver);
    },
  });
}
