import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Spin } from 'antd';
import type { Meeting } from '../../../shared/meetings/schemas';
import { addDays, dateVN, weekOf, type DayPart } from '../../../shared/meetings/time';
import { call } from '../api/client';
import { showError } from '../api/errors';
import { useCan } from '../auth/AuthGate';
import { navigate } from '../router';
import { download } from '../util/download';
import { useHasUnsavedDraft } from '../util/unsavedForm';
import { DayView } from './DayView';
import { ImportIcsModal } from './ImportIcsModal';
import { MeetingDrawer } from './MeetingDrawer';
import { MeetingForm, type NewMeeting } from './MeetingForm';
import { MonthView } from './MonthView';
import { RoomsModal } from './RoomsModal';
import { ScheduleToolbar, type ExportFormat } from './ScheduleToolbar';
import { SettingsModal } from './SettingsModal';
import { WeekView } from './WeekView';
import { parsePlace, placeParam, placeTitle, rangeOf, stepPlace, switchView, todayPlace, todayVN, type Place } from './schedule';
import { useMeetings, useScheduleDirectory } from './useScheduleData';
import { canAskNotificationPermission } from './useMeetingReminders';

/**
 * Lịch họp, lịch công tác: the week as an office prints it ("Lịch công tác tuần"), a day with its double bookings,
 * a month at a glance. Where it is lives in the address (#/schedule/2026-W48, …/2026-11-23, …/2026-11); whose
 * schedule (everyone, a person, a room) applies to every view and to what is exported.
 */
export function SchedulePage({ param }: { param?: string }) {
  const { message } = App.useApp();
  const canRooms = useCan('rooms.save');
  const canSettings = useCan('meetings.saveSettings');
  const canAdd = useCan('meetings.save');
  const canImport = useCan('meetings.import');
  const canExport = useCan('meetings.exportWeek');
  const place = useMemo(() => parsePlace(param), [param]);
  // The week or day last shown: Tháng → Tuần goes back to it when it lies in the month.
  const came = useRef<Place | undefined>(undefined);
  if (place.view !== 'month') came.current = place;
  const go = useCallback((p: Place) => navigate(`/schedule/${placeParam(p)}`), []);
  const [filter, setFilter] = useState('all');
  const userId = filter.startsWith('u:') ? Number(filter.slice(2)) : undefined;
  const roomId = filter.startsWith('r:') ? Number(filter.slice(2)) : undefined;
  const { users, rooms, settings, reloadRooms, setSettings } = useScheduleDirectory();
  const range = rangeOf(place);
  const { meetings, loading, reload, version } = useMeetings(range.from, range.to, { userId, roomId });

  const [openId, setOpenId] = useState<number | undefined>();
  const [editing, setEditing] = useState<{ meeting: Meeting | null; initial: NewMeeting } | null>(null);
  const [modal, setModal] = useState<'import' | 'rooms' | 'settings' | null>(null);
  const [askNotify, setAskNotify] = useState(canAskNotificationPermission);
  const [hideHint, setHideHint] = useState(false);
  // A new meeting left unsaved when the window was closed or reloaded: its form opens again and offers it back.
  const draftLeft = useHasUnsavedDraft('meeting.new');
  useEffect(() => {
    // Once: a form already open keeps its `initial` (a new object would reset the fields the draft was restored into).
    if (draftLeft && canAdd) setEditing((e) => e ?? { meeting: null, initial: { date: todayVN() } });
  }, [draftLeft, canAdd]);

  const whose = userId !== undefined ? users.find((u) => u.id === userId)?.fullName : roomId !== undefined ? rooms.find((r) => r.id === roomId)?.name : undefined;
  const week = weekOf(place.view === 'month' ? (todayVN().startsWith(place.date.slice(0, 7)) ? todayVN() : place.date) : place.date);

  const add = (date?: string, part?: DayPart) => {
    const t = todayVN();
    const inView = t >= range.from && t <= range.to;
    setEditing({ meeting: null, initial: { date: date ?? (place.view === 'day' ? place.date : inView ? t : place.view === 'month' ? place.date : range.from), part } });
  };

  async function exportWeek(format: ExportFormat) {
    const hide = message.loading(`Đang xuất lịch tuần ${week.number}…`, 0);
    try {
      const f = await call('meetings.exportWeek', { week: week.week, format, userId, roomId });
      download(f.fileName, f.mime, f.data);
      message.success(`Đã xuất ${f.rowCount} cuộc họp của tuần ${week.number} vào ${f.fileName}.`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      hide();
    }
  }

  const stale = meetings === null;
  return (
    <div data-testid="schedule" className="vp-schedule">
      <ScheduleToolbar
        place={place}
        filter={filter}
        users={users}
        rooms={rooms}
        canRooms={canRooms}
        canSettings={canSettings}
        canAdd={canAdd}
        canImport={canImport}
        canExport={canExport}
        askNotify={askNotify}
        onView={(v) => go(switchView(place, v, came.current))}
        onStep={(d) => go(stepPlace(place, d))}
        onToday={() => go(todayPlace(place.view))}
        onFilter={setFilter}
        onAdd={() => add()}
        onExport={(f) => void exportWeek(f)}
        onImport={() => setModal('import')}
        onRooms={() => setModal('rooms')}
        onSettings={() => setModal('settings')}
        onNotify={() => void Notification.requestPermission().finally(() => setAskNotify(canAskNotificationPermission()))}
      />
      {settings && !settings.configured && !hideHint && (
        <Alert
          className="vp-no-print"
          type="info"
          showIcon
          closable={{ onClose: () => setHideHint(true) }}
          style={{ marginBottom: 12 }}
          data-testid="settings-hint"
          title="Chưa cài đặt thông tin cơ quan cho «Lịch công tác tuần»: bản PDF, Word xuất ra sẽ để trống tên cơ quan, địa danh và người ký."
          action={
            canSettings ? (
              <Button size="small" onClick={() => setModal('settings')}>
                Cài đặt lịch
              </Button>
            ) : (
              <span>Nhờ văn thư hoặc quản trị cài đặt.</span>
            )
          }
        />
      )}
      <div className="vp-print-only vp-print-heading">
        {settings?.configured && <div className="vp-print-organ">{settings.organ.toUpperCase()}</div>}
        <div className="vp-print-title">{placeTitle(place).toUpperCase()}</div>
        {(whose || settings?.configured) && <div className="vp-print-whose">{whose ? `Của ${whose}` : settings?.whose}</div>}
      </div>
      {whose && (
        <div className="vp-schedule-whose vp-no-print" data-testid="schedule-whose">
          Đang xem lịch của <b>{whose}</b>
        </div>
      )}
      <Spin spinning={loading && !stale} delay={300}>
        {stale ? (
          <Spin style={{ display: 'block', margin: '48px auto' }} />
        ) : place.view === 'week' ? (
          <WeekView monday={place.date} meetings={meetings} onOpen={setOpenId} onAdd={canAdd ? (d, p) => add(d, p) : undefined} />
        ) : place.view === 'day' ? (
          <DayView date={place.date} meetings={meetings} userId={userId} roomId={roomId} version={version} onOpen={setOpenId} />
        ) : (
          <MonthView firstOfMonth={place.date} meetings={meetings} onDay={(d) => go({ view: 'day', date: d })} />
        )}
      </Spin>
      {place.view === 'week' && meetings && (
        <div className="vp-schedule-foot" data-testid="schedule-count">
          {meetings.length} cuộc họp từ {dateVN(place.date)} đến {dateVN(addDays(place.date, 6))}
        </div>
      )}

      <MeetingDrawer
        id={openId}
        onClose={() => setOpenId(undefined)}
        onChanged={reload}
        onEdit={(m) => {
          setOpenId(undefined);
          setEditing({ meeting: m, initial: { date: m.start.slice(0, 10) } });
        }}
      />
      <MeetingForm
        open={editing !== null}
        meeting={editing?.meeting ?? null}
        initial={editing?.initial ?? { date: todayVN() }}
        users={users}
        rooms={rooms}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <ImportIcsModal open={modal === 'import'} onClose={() => setModal(null)} onDone={reload} />
      {canRooms && <RoomsModal open={modal === 'rooms'} rooms={rooms} onClose={() => setModal(null)} onChanged={() => void reloadRooms()} />}
      {canSettings && (
        <SettingsModal
          open={modal === 'settings'}
          settings={settings}
          onClose={() => setModal(null)}
          onSaved={(s) => {
            setSettings(s);
            setModal(null);
          }}
        />
      )}
    </div>
  );
}
