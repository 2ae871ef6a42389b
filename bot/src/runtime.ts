import type { Directory, HolidayCalendar, ProtocolSettings } from '../../protocol';

/** What every decision needs besides the actor and the clock: loaded once at start. */
export interface Runtime {
  directory: Directory;
  settings: ProtocolSettings;
  calendar: HolidayCalendar;
  /** The clock; tests and benchmarks inject their own. */
  now: () => Date;
}
