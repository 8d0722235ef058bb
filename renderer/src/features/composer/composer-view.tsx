// Composer: placeholder until posts land.
import { ComingSoon } from '../../app/coming-soon.tsx';
import { NavIcon } from '../../app/nav-icons.tsx';

export function ComposerView() {
  return (
    <ComingSoon
      title="Composer"
      icon={<NavIcon route="composer" />}
      summary="Write a post once and publish it to a client's accounts, now or at a set time."
      plans={[
        'Exact X character counting as you type (links, emoji, CJK)',
        'Threads, with text adjusted per account when needed',
        'Drag-and-drop images, GIFs and video, with alt text',
        'Save as draft, schedule, or publish straight away',
      ]}
    />
  );
}
