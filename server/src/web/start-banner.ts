/**
 * What the hub prints when it starts: the addresses of its pages (only
 * pages a browser can open; the Socket.IO namespaces are not pages), and
 * the warnings an installer must not miss.
 */

export interface BannerHall {
  id: string;
  name: string;
}

export interface BannerInput {
  /** The address printed for each page: PUBLIC_URL, else the listening host and port. */
  base: string;
  dataDir: string;
  halls: BannerHall[];
  keypadsHid: boolean;
  /** Whether PUBLIC_URL is set. */
  publicUrl: boolean;
  /** Where the QR codes printed on tickets point (see hubBaseUrl). */
  qrBase: string;
}

export interface Banner {
  lines: string[];
  warnings: string[];
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

export function startBanner(input: BannerInput): Banner {
  const { base } = input;
  const lines = [
    `Hub listening on ${base}  (data: ${input.dataDir})`,
    `  status page   ${base}/`,
    `  clerk console ${base}/console/`,
    `  admin console ${base}/admin/`,
    `  API           ${base}/api/v1/openapi.json  (docs/api.md)`,
  ];
  if (input.keypadsHid) lines.push('  keypads       read on this machine (KEYPADS=hid, docs/hardware.md)');
  for (const hall of input.halls) {
    const id = encodeURIComponent(hall.id);
    lines.push(`  ${hall.name}`);
    lines.push(`    kiosk       ${base}/kiosk/${id}`);
    lines.push(`    lobby board ${base}/signage/${id}`);
  }
  const warnings: string[] = [];
  if (!input.publicUrl && LOOPBACK.test(input.qrBase)) {
    warnings.push(
      `PUBLIC_URL is not set: the QR codes printed on tickets point at ${input.qrBase}, which citizens' phones cannot open. ` +
        'Set PUBLIC_URL to the address phones reach the hub at (e.g. PUBLIC_URL=http://192.168.1.10:8080).',
    );
  }
  return { lines, warnings };
}
