import receiptline from 'receiptline';

/**
 * A QR code as a standalone SVG, from the same encoder as the printed
 * ticket's QR (receiptline), so a phone screen and the paper agree.
 */
export function qrSvg(data: string, cell = 8): string {
  const matrix = receiptline.qrcode.generate({ data, type: 'qrcode', cell, level: 'm', quietZone: true });
  const size = matrix.length * cell;
  let d = '';
  matrix.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === 1) d += `M${c * cell},${r * cell}h${cell}v${cell}h-${cell}z`;
    }),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
  );
}
