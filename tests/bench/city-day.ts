/**
 * The day of a city's service halls for part (f): when citizens arrive and
 * how fast clerks serve them, in simulated minutes.
 */

/**
 * Share of a day's tickets issued in each opening hour (9:00–17:00) of a
 * 政务服务大厅 on an ordinary weekday. The shape is the one halls describe
 * when they ask citizens to come at off-peak times (错峰办理): the busiest
 * hour is 10–11 (about 18% of the day), the mornings are busier than the
 * afternoons, visits dip over lunch (windows staffed in turns from 12:00),
 * and a second, lower peak comes at 14–16. The shares are a rounded model
 * of that shape, not the measured counts of one hall.
 */
export const SERVICE_HALL_DAY: readonly { hour: number; share: number }[] = [
  { hour: 9, share: 0.14 },
  { hour: 10, share: 0.18 },
  { hour: 11, share: 0.14 },
  { hour: 12, share: 0.05 },
  { hour: 13, share: 0.08 },
  { hour: 14, share: 0.15 },
  { hour: 15, share: 0.15 },
  { hour: 16, share: 0.11 },
];

export const TICKETS_PER_DAY = 1500;
export const WINDOWS_PER_HALL = 10;
export const BOARDS_PER_HALL = 5;
/** The hours a default run plays: the peak and the lunch dip. */
export const PEAK_HOUR = 10;
export const QUIET_HOUR = 12;

/**
 * Minutes a clerk spends on one ticket, uniform in this range. 1,500
 * tickets a day at 10 windows leave each window about 2.8 minutes a ticket
 * (10 windows × 7 staffed hours × 60 / 1,500); the demo catalogue's expected
 * minutes are longer, so the pace follows the ticket count. At the peak hour
 * (270 arrivals) the queue grows, as it does in a hall at 10 am.
 */
export const SERVICE_MINUTES: readonly [number, number] = [1.5, 4];

/**
 * A clerk whose call-next found nobody waits until a citizen takes a ticket
 * (the console shows the waiting count), or at most this long, then presses
 * again: a ticket only another kind of window serves does not strand them.
 */
export const IDLE_RECHECK_MINUTES = 2;

export function hourShare(hour: number): number {
  const row = SERVICE_HALL_DAY.find((h) => h.hour === hour);
  if (!row) throw new Error(`The hall is not open at ${hour}:00 (open hours 9–16)`);
  return row.share;
}

/**
 * Arrival times (simulated minutes from the start of the slice) of one
 * hall's citizens over `minutes` of the given hour: a Poisson process at
 * the hour's rate.
 */
export function arrivals(hour: number, minutes: number, random: () => number): number[] {
  const perMinute = (TICKETS_PER_DAY * hourShare(hour)) / 60;
  const times: number[] = [];
  let t = 0;
  for (;;) {
    t += -Math.log(1 - random()) / perMinute;
    if (t >= minutes) return times;
    times.push(t);
  }
}
