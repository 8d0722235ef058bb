// Analytics: placeholder until metrics are pulled back from the platforms.
import { ComingSoon } from '../../app/coming-soon.tsx';
import { NavIcon } from '../../app/nav-icons.tsx';

export function AnalyticsView() {
  return (
    <ComingSoon
      title="Analytics"
      icon={<NavIcon route="analytics" />}
      summary="How published posts performed, kept on this computer."
      plans={[
        'Impressions, likes, reposts, replies, bookmarks and clicks per post',
        'Follower growth per account',
        'Top posts and the best times to post, per client',
      ]}
    />
  );
}
