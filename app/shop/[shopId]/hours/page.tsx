import { Card } from '@/app/_components/ui';
import { formatClock } from '@/lib/shops/opening-hours';
import { getOpeningSchedule } from '@/lib/shops/shop-hours';
import { OnboardingSteps } from '@/app/shop/_components/onboarding-steps';
import { getShopForPage } from '@/app/shop/_lib/get-shop-for-page';
import { AddExceptionForm, DeleteExceptionButton } from './exceptions-form';
import { WeeklyHoursForm } from './weekly-hours-form';

export default async function ShopHoursPage({ params, searchParams }: { params: Promise<{ shopId: string }>; searchParams: Promise<{ onboarding?: string }> }) {
  const { shop } = await getShopForPage((await params).shopId);
  const isOnboarding = (await searchParams).onboarding === '1';
  const schedule = await getOpeningSchedule(shop.id, shop.timezone);
  return (
    <div className="space-y-8">
      {isOnboarding ? <OnboardingSteps current="hours" /> : null}
      <section>
        <h2 className="mb-1 text-lg font-semibold">Weekly opening hours</h2>
        <p className="mb-4 text-sm text-slate-600">In the shop’s time zone ({shop.timezone.replace(/_/g, ' ')}). Customers see “open now” and ready times from these.</p>
        <WeeklyHoursForm
          shopId={shop.id}
          isOnboarding={isOnboarding}
          initialRows={schedule.weekly.map((i) => ({ weekday: i.weekday, opens: formatClock(i.opensMinute), closes: formatClock(i.closesMinute), overnight: i.closesMinute > 1440 }))}
        />
      </section>
      <section>
        <h2 className="mb-1 text-lg font-semibold">Holidays and special days</h2>
        <p className="mb-4 text-sm text-slate-600">An exception replaces the weekly hours for that date.</p>
        <Card className="space-y-4">
          {schedule.exceptions.length ? (
            <ul className="divide-y divide-slate-100" aria-label="Exceptions">
              {schedule.exceptions.map((ex) => (
                <li key={ex.date} className="flex items-center justify-between py-2 text-sm">
                  <span>
                    <span className="font-medium">{ex.date}</span> · {ex.opensMinute === null || ex.closesMinute === null ? 'Closed' : `${formatClock(ex.opensMinute)}–${formatClock(ex.closesMinute)}`}
                    {ex.note ? <span className="text-slate-500"> · {ex.note}</span> : null}
                  </span>
                  {ex.id ? <DeleteExceptionButton shopId={shop.id} exceptionId={ex.id} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No exceptions yet.</p>
          )}
          <AddExceptionForm shopId={shop.id} />
        </Card>
      </section>
    </div>
  );
}
