/** Every benchmark, by name (the order of the printed table). */
import { cliStartup } from './cli-startup';
import { helperLatency } from './helper-latency';
import { memory } from './memory';
import { renderer } from './renderer';
import { scale } from './scale';
import { singleFlight } from './single-flight';
import { vault } from './vault';
import type { Bench } from './types';

export const benches: Record<string, Bench> = {
  helper: helperLatency,
  'single-flight': singleFlight,
  scale,
  renderer,
  cli: cliStartup,
  memory,
  vault,
};
