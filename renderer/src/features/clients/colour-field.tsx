// Colour: palette swatches (a radio group) plus the #RRGGBB text input, which is the
// field labelled "Colour" and the one that carries the validation message.
import { clientPalette } from '../../../../shared/clients.ts';
import { Field } from '../../app/ui/field.tsx';
import { paletteName } from './palette-names.ts';

interface ColourFieldProps {
  id: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  onBlur: () => void;
}

const isHex = (value: string) => /^#[0-9a-fA-F]{6}$/.test(value);

export function ColourField({ id, value, error, onChange, onBlur }: ColourFieldProps) {
  const current = value.toLowerCase();
  return (
    <Field id={id} label="Colour" error={error}>
      {(control) => (
        <div className="colour-control">
          <div className="swatches" role="radiogroup" aria-label="Palette">
            {clientPalette.map((colour) => (
              <label key={colour} className="swatch-option">
                <input
                  type="radio"
                  className="overlay-input"
                  name={`${id}-palette`}
                  value={colour}
                  checked={current === colour}
                  onChange={() => {
                    onChange(colour);
                  }}
                />
                <span
                  className="swatch swatch-lg"
                  style={{ backgroundColor: colour }}
                  aria-hidden="true"
                />
                <span className="visually-hidden">{paletteName(colour)}</span>
              </label>
            ))}
          </div>
          <div className="hex-input">
            <span
              className="swatch hex-preview"
              style={{ backgroundColor: isHex(value) ? value : 'transparent' }}
              aria-hidden="true"
            />
            <input
              {...control}
              className="input"
              type="text"
              value={value}
              maxLength={7}
              spellCheck={false}
              autoComplete="off"
              placeholder="#2563eb"
              onChange={(event) => {
                onChange(event.target.value);
              }}
              onBlur={onBlur}
            />
          </div>
        </div>
      )}
    </Field>
  );
}
