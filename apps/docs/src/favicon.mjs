// The site's icon: a white "P" on the bar's dark slate, 16 × 16 pixels, as a Windows icon file.
// The build writes it to /favicon.ico (what a browser asks for by itself) and every page names it
// inline as a data URL, so that showing it asks nothing of any host.

const PIXELS = [
  '..dddddddddddd..',
  '.dddddddddddddd.',
  'dddwwwwwwwdddddd',
  'dddwwwwwwwwddddd',
  'dddwwdddddwwdddd',
  'dddwwdddddwwdddd',
  'dddwwdddddwwdddd',
  'dddwwwwwwwwddddd',
  'dddwwwwwwwdddddd',
  'dddwwddddddddddd',
  'dddwwddddddddddd',
  'dddwwddddddddddd',
  'dddwwddddddddddd',
  'dddddddddddddddd',
  '.dddddddddddddd.',
  '..dddddddddddd..',
];
// Blue, green, red, alpha: the order of a 32-bit icon's pixels.
const COLOURS = { '.': [0, 0, 0, 0], d: [0x38, 0x32, 0x26, 0xff], w: [0xff, 0xff, 0xff, 0xff] };

/** A 32-bit icon file of one square image: the directory, the bitmap header, the pixels bottom row first, an empty mask. */
function iconFile(rows) {
  const size = rows.length;
  const pixels = Buffer.from(rows.toReversed().flatMap((row) => [...row].flatMap((c) => COLOURS[c])));
  const mask = Buffer.alloc(size * Math.ceil(size / 32) * 4);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // the pixels and the mask, one above the other
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const directory = Buffer.alloc(22);
  directory.writeUInt16LE(1, 2); // an icon
  directory.writeUInt16LE(1, 4); // one image
  directory.writeUInt8(size, 6);
  directory.writeUInt8(size, 7);
  directory.writeUInt16LE(1, 10);
  directory.writeUInt16LE(32, 12);
  directory.writeUInt32LE(header.length + pixels.length + mask.length, 14);
  directory.writeUInt32LE(directory.length, 18);
  return Buffer.concat([directory, header, pixels, mask]);
}

/** The bytes of /favicon.ico. */
export const FAVICON_ICO = iconFile(PIXELS);

/** The same icon for `<link rel="icon">`, inline. */
export const FAVICON_HREF = `data:image/x-icon;base64,${FAVICON_ICO.toString('base64')}`;
