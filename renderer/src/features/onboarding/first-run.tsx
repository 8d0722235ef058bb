// [Note: first run] Until its three steps are done or it is hidden, a checklist at the top
// of the calendar (the view the app opens on) leads from an empty app to a scheduled post:
// add a client, connect an account, write a post. Each step opens the app's own dialog or
// view for it, and ticks off from what exists in the core, however it came to exist (here,
// in Clients, from the CLI). Done or hidden is kept in the preferences (firstRunDone), so
// it never comes back.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { platforms } from '../../../../shared/accounts.ts';
import { clientPalette } from '../../../../shared/clients.ts';
import { shownHandle } from '../../../../shared/networks/index.ts';
import { usePreferences } from '../../app/preferences-store.ts';
import type { Route } from '../../app/routes.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { getBridge } from '../../bridge/bridge.ts';
import { useAccounts } from '../accounts/accounts-store.ts';
import { ConnectButtons } from '../accounts/client-accounts.tsx';
import { networkNames } from '../accounts/networks/network-glyphs.ts';
import { firstConnectNotes, useConnectDialogOpen } from '../accounts/networks/registry.tsx';
import { ClientFormDialog } from '../clients/client-form-dialog.tsx';
import { useClients } from '../clients/clients-store.ts';
import { firstRunSteps } from './first-run-steps.ts';
import { useFirstRun } from './first-run-store.ts';
import './onboarding.css';

/** Every network this version connects to, by name, as one "A, B or C" phrase. */
const everyNetwork = new Intl.ListFormat('en', { type: 'disjunction' }).format(
  platforms.map((p) => networkNames[p]),
);

/** Mounted by the app frame on every view; shows the checklist on the calendar only. */
export function FirstRun({ route }: { route: Route }) {
  const loaded = usePreferences((s) => s.loaded);
  const done = usePreferences((s) => s.preferences.firstRunDone);
  if (!loaded || done) return null;
  return <FirstRunWatch visible={route === 'calendar'} />;
}

/** Keeps the facts current while the checklist is not done, and closes it when it is. */
function FirstRunWatch({ visible }: { visible: boolean }) {
  const clients = useClients((s) => s.clients);
  const clientsReady = useClients((s) => s.status === 'ready');
  const accounts = useAccounts((s) => s.accounts);
  const accountsReady = useAccounts((s) => s.status === 'ready');
  const scheduled = useFirstRun((s) => s.scheduled);
  const update = usePreferences((s) => s.update);
  // Only someone who saw a step still open is told that all are done now.
  const sawOpenStep = useRef(false);

  useEffect(() => {
    const load = useFirstRun.getState().load;
    void load();
    return getBridge().on('post:saved', () => {
      void load();
    });
  }, []);

  const ready = clientsReady && accountsReady && scheduled !== null;
  const steps = firstRunSteps({ clients, accounts, scheduled: scheduled === true });

  useEffect(() => {
    if (!ready) return;
    if (!steps.allDone) {
      sawOpenStep.current = true;
      return;
    }
    void update({ firstRunDone: true });
    if (sawOpenStep.current) {
      showToast('All set: your first post is scheduled. It is on the calendar.');
    }
  }, [ready, steps.allDone, update]);

  if (!ready || steps.allDone || !visible) return null;
  return <Checklist steps={steps} />;
}

function Step({
  n,
  done,
  title,
  detail,
  action,
}: {
  n: number;
  done: boolean;
  title: string;
  detail: string;
  /** What to press for this step; null while an earlier step is still to do. */
  action: ReactNode;
}) {
  return (
    <li className="first-run-step" data-done={done}>
      <span className="first-run-mark" aria-hidden="true">
        {done ? (
          <svg viewBox="0 0 16 16" width="14" height="14">
            <path
              d="m3.5 8.5 3 3 6-7"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        ) : (
          n
        )}
      </span>
      <div className="first-run-text">
        <h3 className="first-run-title">
          {title}
          <span className="visually-hidden">{done ? ' (done)' : ' (to do)'}</span>
        </h3>
        <p className="first-run-detail">{detail}</p>
      </div>
      {!done && action !== null && <div className="first-run-action">{action}</div>}
    </li>
  );
}

function Checklist({ steps }: { steps: ReturnType<typeof firstRunSteps> }) {
  const uid = useId();
  const titleId = `${uid}-title`;
  const clients = useClients((s) => s.clients);
  const update = usePreferences((s) => s.update);
  const [adding, setAdding] = useState(false);
  const { client, account, posted } = steps;
  const ref = useRef<HTMLElement>(null);
  const doneBefore = useRef(steps.doneCount);
  const focusPending = useRef(false);
  // The connect dialogs live in the app frame; an account may be saved before they close.
  const connecting = useConnectDialogOpen();
  const dialogOpen = adding || connecting;

  // A step just done (its dialog closed, its button gone): focus goes on to the next
  // step's action rather than back to the page's heading, so the keyboard keeps its place.
  // Runs after the commit that closed the dialog (the Modal has put focus back by then).
  useEffect(() => {
    if (steps.doneCount > doneBefore.current) focusPending.current = true;
    doneBefore.current = steps.doneCount;
    if (!focusPending.current || dialogOpen) return;
    focusPending.current = false;
    const active = document.activeElement;
    if (active !== null && active !== document.body && !active.matches('main h1')) return;
    ref.current?.querySelector<HTMLElement>('.first-run-action :is(button, a)')?.focus();
  }, [steps.doneCount, dialogOpen]);

  function hide() {
    void update({ firstRunDone: true });
    document.querySelector<HTMLElement>('main h1')?.focus();
    showToast('Checklist hidden. Clients and Composer have everything it had.', {
      action: {
        label: 'Undo',
        run: () => {
          void update({ firstRunDone: false });
        },
      },
    });
  }

  return (
    <section ref={ref} className="panel first-run" aria-labelledby={titleId}>
      <header className="first-run-header">
        <div>
          <h2 id={titleId} className="first-run-heading">
            Get started
          </h2>
          <p className="first-run-progress">
            {steps.doneCount} of 3 done. Three steps to your first scheduled post.
          </p>
        </div>
        <button type="button" className="button button-ghost button-small" onClick={hide}>
          Hide checklist
        </button>
      </header>
      <ol className="first-run-steps">
        <Step
          n={1}
          done={client !== null}
          title="Add a client"
          detail={
            client === null
              ? 'The brand or person you post for, and the time zone their posts go out in.'
              : `${client.name} is your client.`
          }
          action={
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => {
                setAdding(true);
              }}
            >
              Add a client
            </button>
          }
        />
        <Step
          n={2}
          done={account !== null}
          title="Connect an account"
          detail={
            account !== null
              ? `${shownHandle(account.platform, account.handle)} is connected.`
              : client === null
                ? `The client’s account on ${everyNetwork}, once there is a client.`
                : [`${client.name}’s account on ${everyNetwork}.`, ...firstConnectNotes].join(' ')
          }
          action={client === null ? null : <ConnectButtons client={client} />}
        />
        <Step
          n={3}
          done={posted}
          title="Schedule your first post"
          detail={
            posted
              ? 'A post is scheduled.'
              : 'Write it in the composer, pick a date and time, and schedule it.'
          }
          action={
            account === null ? null : (
              <a className="button button-primary button-small" href="#/composer">
                Write your first post
              </a>
            )
          }
        />
      </ol>
      {adding && (
        <ClientFormDialog
          client={null}
          suggestedColor={clientPalette[clients.length % clientPalette.length] ?? clientPalette[0]}
          onClose={() => {
            setAdding(false);
          }}
          onSaved={(saved) => {
            setAdding(false);
            showToast(`Added ${saved.name}.`);
          }}
        />
      )}
    </section>
  );
}
