import type { PrinterStatus } from '../escpos/status.js';

/**
 * The print agent's conversation with the hub, on the Socket.IO namespace
 * `/print-agents`, authenticated with the kiosk's (or printer's) device token
 * in `auth.token`.
 *
 * hub → agent  `print:job`     a job to print; sent again after every
 *                               (re)connect until the agent answers it.
 * agent → hub  `print:result`  how a job ended, acknowledged by the hub; the
 *                               agent answers a job it already handled with its
 *                               recorded result instead of printing it again.
 * agent → hub  `printer:status` DLE EOT status, on every (re)connect and every
 *                               30 s (the hub records changes only).
 */
export const PRINT_AGENT_NAMESPACE = '/print-agents';

export const PRINT_JOB = 'print:job';
export const PRINT_RESULT = 'print:result';
export const PRINTER_STATUS = 'printer:status';

export interface PrintJobMessage {
  jobId: string;
  number: string;
  copy: number;
  /** ESC/POS bytes, base64. */
  bytes: string;
}

export interface PrintResultMessage {
  jobId: string;
  ok: boolean;
  /** Why it failed, for the admin list; never parsed. */
  error?: string;
  status?: PrinterStatus | null;
}

export interface PrinterStatusMessage {
  status: PrinterStatus | null;
  error?: string | null;
}

export type AgentAck = { ok: true } | { ok: false; error: { code: string; message: string } };

/** What the hub sends an agent: the typed map of the `/print-agents` namespace (hub and agent both use it). */
export interface HubToAgentEvents {
  'print:job': (message: PrintJobMessage) => void;
}

/** What an agent sends the hub. The hub still validates each payload: a device is not trusted. */
export interface AgentToHubEvents {
  'print:result': (message: PrintResultMessage, ack: (answer: AgentAck) => void) => void;
  'printer:status': (message: PrinterStatusMessage) => void;
}
