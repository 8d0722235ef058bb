// What posting the thread costs: X's pay-per-use API per post (more with a link), the
// other networks nothing.
import { platforms, type SocialAccount } from '../../../../../shared/accounts.ts';
import { estimateXCost } from '../../../../../shared/compose.ts';
import { networkRules } from '../../../../../shared/networks/index.ts';
import type { EditorPart } from './editor-store.ts';

interface Props {
  /** The chosen accounts. */
  accounts: SocialAccount[];
  parts: EditorPart[];
}

export function CostEstimate({ accounts, parts }: Props) {
  // Only X charges per post; with no account chosen yet, the estimate is for one X account.
  const xIds = accounts.filter((a) => a.platform === 'x').map((a) => a.id);
  const cost = accounts.length > 0 && xIds.length === 0 ? null : estimateXCost(parts, xIds);
  const free = platforms
    .filter((p) => networkRules[p].cost === null && accounts.some((a) => a.platform === p))
    .map((p) => networkRules[p].label);
  const freeSentence = `${free.join(' and ')} ${free.length === 1 ? 'charges' : 'charge'} nothing for posting.`;
  if (cost === null) {
    return (
      <p className="composer-cost">
        Cost: <strong>free</strong>
        <span className="muted"> ({freeSentence})</span>
      </p>
    );
  }
  return (
    <p className="composer-cost">
      Estimated X API cost: <strong>${cost.total.toFixed(3)}</strong>
      {cost.lines.length > 0 && <span className="muted"> ({cost.lines.join(', ')})</span>}
      {cost.postsWithUrl > 0 && (
        <span className="muted"> A post with a link costs more on X’s pay-per-use API.</span>
      )}
      {free.length > 0 && <span className="muted"> {freeSentence}</span>}
    </p>
  );
}
