import { anomalySchema } from './anomalies.js';
import { InvalidControlError, parseControl, type SimulatorControl } from './control.js';
import { faultSchema } from './faults.js';
import { errorReply, jsonReply, type Reply } from './http.js';

/** Prefix of the simulator's own endpoints, which steer it over HTTP (no auth: local only). */
export const CONTROL_PREFIX = '/_simulator';

function state(control: SimulatorControl) {
  return {
    faults: control.pendingFaults(),
    anomalies: control.anomalies(),
    stats: control.stats(),
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new InvalidControlError('JSON', [`the body is not JSON (${String(error)})`]);
  }
}

type Route = (control: SimulatorControl, body: string) => Reply;

const ROUTES: Record<string, Route> = {
  'GET /_simulator': (control) => jsonReply(200, state(control)),
  'POST /_simulator/faults': (control, body) => {
    control.inject(parseControl('fault', faultSchema, parseJson(body)));
    return jsonReply(201, state(control));
  },
  'DELETE /_simulator/faults': (control) => {
    control.clearFaults();
    return jsonReply(200, state(control));
  },
  'POST /_simulator/anomalies': (control, body) => {
    control.injectAnomaly(parseControl('anomaly', anomalySchema, parseJson(body)));
    return jsonReply(201, state(control));
  },
  'DELETE /_simulator/anomalies': (control) => {
    control.clearAnomalies();
    return jsonReply(200, state(control));
  },
  'POST /_simulator/tokens/expire': (control) => {
    control.expireTokens();
    return jsonReply(200, state(control));
  },
};

/** Answers a request to one of the control endpoints. */
export function controlReply(
  method: string,
  path: string,
  body: string,
  control: SimulatorControl,
): Reply {
  const route = ROUTES[`${method} ${path}`];
  if (route === undefined) {
    const known = Object.keys(ROUTES).join(', ');
    return errorReply(404, 'Not Found', `no control endpoint ${method} ${path}; use ${known}`);
  }
  try {
    return route(control, body);
  } catch (error) {
    if (!(error instanceof InvalidControlError)) throw error;
    return errorReply(400, 'Bad Request', error.message, { issues: error.issues });
  }
}
