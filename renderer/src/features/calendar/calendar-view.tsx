// Calendar: placeholder until scheduling lands.
import { ComingSoon } from '../../app/coming-soon.tsx';
import { NavIcon } from '../../app/nav-icons.tsx';

export function CalendarView() {
  return (
    <ComingSoon
      title="Calendar"
      icon={<NavIcon route="calendar" />}
      summary="Every scheduled and published post across your clients, on one calendar."
      plans={[
        'Month, week and day views, coloured by client',
        "Times shown in each client's own time zone or yours",
        'Drag a post to another slot to reschedule it',
        'Gaps in each account’s posting schedule at a glance',
      ]}
    />
  );
}
