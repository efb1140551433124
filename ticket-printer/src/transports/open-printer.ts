import { PrinterError, type PrinterPort } from '../port.js';
import { DeviceFilePrinterPort } from './device-file.js';
import { SerialPrinterPort } from './serial.js';
import { TcpPrinterPort } from './tcp.js';

/**
 * A printer address names its transport:
 * - `tcp://10.0.0.5:9100` (port defaults to 9100): network printer; add
 *   `?status=0` for a printer that does not answer DLE EOT (printed blind);
 * - `serial:/dev/ttyS0?baud=9600` (add `&status=0` for a TX-only cable);
 * - `/dev/usb/lp0` or `file:/path`: USB line-printer device file (or any file).
 */
export function openPrinterPort(address: string, timeouts: { connectTimeoutMs?: number } = {}): PrinterPort {
  if (address.startsWith('tcp://')) {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new PrinterError('unsupported', `Not a network printer address: ${address}`);
    }
    const status = url.searchParams.get('status');
    const unknown = [...url.searchParams.keys()].filter((k) => k !== 'status');
    // An option we do not understand would be silently ignored: refuse it instead.
    if (unknown.length > 0 || (status !== null && status !== '0' && status !== '1') || url.hostname === '') {
      throw new PrinterError(
        'unsupported',
        `Not a network printer address: ${address} (use tcp://host:9100, optionally ?status=0)`,
      );
    }
    return new TcpPrinterPort({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : 9100,
      status: status !== '0',
      ...timeouts,
    });
  }
  if (address.startsWith('serial:')) {
    const [path = '', query = ''] = address.slice('serial:'.length).split('?');
    const q = new URLSearchParams(query);
    const baud = Number(q.get('baud') ?? 9600);
    if (!path.startsWith('/') || !Number.isInteger(baud) || baud <= 0) {
      throw new PrinterError('unsupported', `Not a serial address: ${address}`);
    }
    return new SerialPrinterPort({ path, baudRate: baud, status: q.get('status') !== '0' });
  }
  if (address.startsWith('file:')) return new DeviceFilePrinterPort(address.slice('file:'.length));
  if (address.startsWith('/')) return new DeviceFilePrinterPort(address);
  throw new PrinterError(
    'unsupported',
    `Unknown printer address ${address}: use tcp://host:9100, /dev/usb/lp0 or serial:/dev/ttyS0`,
  );
}

/** Is this a printer address we understand? For validating device configuration. */
export function isPrinterAddress(address: string): boolean {
  try {
    openPrinterPort(address);
    return true;
  } catch {
    return false;
  }
}
