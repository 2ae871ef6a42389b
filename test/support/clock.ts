/** A settable clock for the service under test: time is an input. */
export class TestClock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  set(at: string | Date) {
    this.t = new Date(at).getTime();
  }
  advance(ms: number) {
    this.t += ms;
  }
}
