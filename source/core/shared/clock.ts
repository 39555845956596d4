/** The only source of "now" in the core, so that expiry is exact to the day in tests. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = {now: () => new Date()};

export const fixedClock = (iso: string): Clock => ({now: () => new Date(iso)});
