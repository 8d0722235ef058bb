// The paste field of a connect flow ([Note: pasted address]): where the network sends the
// browser to the https address registered with the user's app (Threads), or the browser
// is on another computer, the user pastes the address it shows. A wrong address is
// explained here and the flow keeps waiting; the flow's end arrives as account:connected
// or account:connect-failed, as for a loopback sign-in.
import { useId, useState, type SubmitEvent } from 'react';
import type { ConnectFlow } from '../../../../shared/accounts.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Field } from '../../app/ui/field.tsx';
import { getBridge } from '../../bridge/bridge.ts';

export function PasteAddress({ flow, site }: { flow: ConnectFlow; site: string }) {
  const id = useId();
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await getBridge().invoke('accounts:paste-address', {
      flowId: flow.flowId,
      address,
    });
    setBusy(false);
    // Anything but a refused address ended the flow, which the dialog shows from its event.
    if (!result.ok && result.error.code === 'VALIDATION') setError(result.error.message);
  };

  return (
    <form className="connect-paste" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        id={`${id}-address`}
        label={flow.awaitsPaste ? 'Address your browser shows' : 'Or paste the address'}
        error={error}
        hint={
          flow.awaitsPaste
            ? `After you approve Starling, ${site} sends your browser to ${flow.redirectUri}. Copy the whole address from the address bar and paste it here.`
            : `Signing in on another computer? After you approve Starling there, paste the address its browser shows.`
        }
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={`${flow.redirectUri}?code=…`}
            value={address}
            onChange={(event) => {
              setAddress(event.target.value);
            }}
          />
        )}
      </Field>
      <BusyButton busy={busy} variant="primary" type="submit">
        Finish connecting
      </BusyButton>
    </form>
  );
}
