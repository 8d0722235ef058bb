// Spoken names for the palette swatches; a colour added to the palette later falls back
// to its hex code.
const names: Record<string, string> = {
  '#2563eb': 'Blue',
  '#db2777': 'Pink',
  '#059669': 'Green',
  '#d97706': 'Amber',
  '#7c3aed': 'Violet',
  '#0891b2': 'Cyan',
  '#dc2626': 'Red',
  '#4d7c0f': 'Olive',
};

export const paletteName = (hex: string): string => names[hex.toLowerCase()] ?? hex;
