// What posting the thread costs, by each network's prices (NetworkRules.cost: a pay-per-use
// API's requests), and which chosen networks charge nothing.
import { platforms, type Platform, type SocialAccount } from '../../../../../shared/accounts.ts';
import { estimateCost } from '../../../../../shared/compose.ts';
import { networkRules } from '../../../../../shared/networks/index.ts';
import type { EditorPart } from './editor-store.ts';

interface Props {
  /** The chosen accounts. */
  accounts: SocialAccount[];
  /** The networks counted while no account is chosen (fallbackNetworks). */
  fallback: readonly Platform[];
  parts: EditorPart[];
}

export function CostEstimate({ accounts, fallback, parts }: Props) {
  // With no account chosen yet, the estimate is for one account of each fallback network.
  const going =
    accounts.length > 0
      ? accounts.map((a) => ({ id: a.id, platform: a.platform }))
      : fallback.map((platform) => ({ id: null, platform }));
  const cost = estimateCost(parts, going);
  const free = platforms
    .filter((p) => networkRules[p].cost === null && going.some((a) => a.platform === p))
    .map((p) => networkRules[p].label);
  const freeSentence = `${free.join(' and ')} ${free.length === 1 ? 'charges' : 'charge'} nothing for posting.`;
  if (cost === null) {
    return (
      <p className="composer-cost">
        Cost: <strong>free</strong>
        {free.length > 0 && <span className="muted"> ({freeSentence})</span>}
      </p>
    );
  }
  return (
    <p className="composer-cost">
      Estimated {cost.networks.join(' and ')} API cost: <strong>${cost.total.toFixed(3)}</strong>
      {cost.lines.length > 0 && <span className="muted"> ({cost.lines.join(', ')})</span>}
      {cost.notes.map((note) => (
        <span key={note} className="muted">
          {' '}
          {note}
        </span>
      ))}
      {free.length > 0 && <span className="muted"> {freeSentence}</span>}
    </p>
  );
}
