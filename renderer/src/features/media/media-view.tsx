// Media library: placeholder until the library lands (issue 5).
import { ComingSoon } from '../../app/coming-soon.tsx';
import { NavIcon } from '../../app/nav-icons.tsx';

export function MediaView() {
  return (
    <ComingSoon
      title="Media"
      icon={<NavIcon route="media" />}
      summary="Every client's images, GIFs and videos, stored once on this computer."
      plans={['Drop files to import them', 'Search and filter by kind', 'See where each is used']}
    />
  );
}
