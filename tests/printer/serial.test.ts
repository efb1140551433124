import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';

/** The binding SerialPortMock itself uses (the package ships CJS and ESM builds: take it from the class). */
const MockBinding = SerialPortMock.binding;
import {
  READY,
  SerialPrinterPort,
  decodeEscPos,
  foldJob,
  jobText,
  printBytes,
  renderEscPos,
  statusReply,
  type PrinterStatus,
} from '../../ticket-printer/src/index.js';
import { FIXED_TICKET } from './fixtures.js';

/**
 * The serial transport on serialport's mock binding (real stream code, mock
 * device), scripted like a printer: it answers DLE EOT from a state, and
 * records every byte written to it.
 */

afterEach(() => MockBinding.reset());

function scriptedPrinter(path: string, state: () => PrinterStatus | null): SerialPrinterPort {
  MockBinding.createPort(path, { record: true });
  const port = new SerialPrinterPort({
    path,
    statusTimeoutMs: 300,
    open: (o) => {
      const serial = new SerialPortMock(o);
      // Answer status requests as the printer would, on the next tick like real hardware.
      serial.on('open', () => {
        const binding = serial.port!;
        const write = binding.write.bind(binding);
        binding.write = async (data: Buffer) => {
          await write(data);
          const s = state();
          if (s && data.length === 3 && data[0] === 0x10 && data[1] === 0x04)
            binding.emitData(Buffer.of(statusReply(data[2]!, s)));
        };
      });
      return serial;
    },
  });
  return port;
}

describe('serial printer port', () => {
  it('prints the ticket and reads the status over the line', async () => {
    const port = scriptedPrinter('/dev/ttyS0', () => READY);
    const outcome = await printBytes(port, renderEscPos(FIXED_TICKET, 58));
    expect(outcome.before).toEqual(READY);
    expect(outcome.after).toEqual(READY);
  });

  it('writes exactly the job bytes between the status requests', async () => {
    const port = scriptedPrinter('/dev/ttyUSB0', () => READY);
    const job = renderEscPos(FIXED_TICKET, 58);
    await port.open();
    const binding = (port.serial as unknown as SerialPortMock).port!;
    await port.write(job);
    expect(Buffer.compare(binding.recording, Buffer.from(job))).toBe(0);
    expect(jobText(foldJob(decodeEscPos(binding.recording)))).toContain('𠮷䶮姓名变更登记');
    await port.close();
  });

  it('refuses to print on paper out', async () => {
    const port = scriptedPrinter('/dev/ttyS1', () => ({ ...READY, paperOut: true }));
    await expect(printBytes(port, renderEscPos(FIXED_TICKET, 58))).rejects.toMatchObject({
      reason: 'not_ready',
    });
  });

  it('times out when a printer on a TX-only cable never answers', async () => {
    const port = scriptedPrinter('/dev/ttyS2', () => null);
    await expect(printBytes(port, renderEscPos(FIXED_TICKET, 58), { attempts: 1 })).rejects.toMatchObject({
      timeout: true,
    });
  });

  it('reports a missing device as disconnected', async () => {
    const port = new SerialPrinterPort({ path: '/dev/ttyNONE', open: (o) => new SerialPortMock(o) });
    await expect(printBytes(port, new Uint8Array([0x1b, 0x40]), { attempts: 1 })).rejects.toMatchObject({
      disconnected: true,
    });
  });
});
