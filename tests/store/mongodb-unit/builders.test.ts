import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/src/domain/index.js';
import { isDomainError } from '../../../server/src/domain/index.js';
import {
  checkReplicaSet,
  databaseOf,
  mapWriteError,
  MONGO_CLIENT_OPTIONS,
  MongoStoreError,
  redactUri,
  replicaSetStatus,
} from '../../../server/src/store/mongodb/connection.js';
import {
  fromDoc,
  fromEventDoc,
  toDoc,
  toEventDoc,
  type WindowDoc,
} from '../../../server/src/store/mongodb/docs.js';
import { HallCursors, isResumeTokenLost, ResumePoint } from '../../../server/src/store/mongodb/follow.js';
import {
  aheadOf,
  counterId,
  counterUpdate,
  evaluationFilter,
  eventSeqUpdate,
  limitOf,
  printJobFilter,
  QUEUE_SORT,
  rectificationFilter,
  seqsEndingAt,
  ticketListFilter,
  ticketPatchUpdate,
  waitingGroupsPipeline,
  waitingOfDayFilter,
} from '../../../server/src/store/mongodb/queries.js';
import { counterOf, issuedEvent, toQueued, windowPatchSet } from '../../../server/src/store/mongodb/queue.js';
import {
  buildEvent,
  buildHall,
  buildIssueInput,
  buildService,
  buildWindow,
  DAY,
} from '../../helpers/factories.js';

describe('MongoDB store: replica-set check', () => {
  it('refuses a standalone server, telling the admin how to start a replica set', () => {
    const check = () => checkReplicaSet({ isWritablePrimary: true }, 'mongodb://hub:s3cret@db:27017/hall');
    expect(check).toThrow(MongoStoreError);
    expect(check).toThrow(/--replSet rs0.*rs\.initiate\(\).*replicaSet=rs0/s);
    // The password never reaches the message.
    expect(check).toThrow(/hub:\*\*\*@db/);
    expect(check).not.toThrow(/s3cret/);
  });

  it('accepts a replica set (one node is enough) and reports its name and primary', () => {
    const hello = { setName: 'rs0', isWritablePrimary: true, primary: 'db:27017' };
    expect(checkReplicaSet(hello, 'mongodb://db/hall')).toBe('rs0');
    expect(replicaSetStatus(hello)).toEqual({ name: 'rs0', primary: 'db:27017' });
    expect(replicaSetStatus({ setName: 'rs0' })).toEqual({ name: 'rs0', primary: null });
  });

  it('takes the database from the URI path, `hall` when there is none', () => {
    expect(databaseOf('mongodb://db:27017/city?replicaSet=rs0')).toBe('city');
    expect(databaseOf('mongodb://db:27017/?replicaSet=rs0')).toBe('hall');
    expect(databaseOf('mongodb://a,b,c')).toBe('hall');
    expect(databaseOf('mongodb+srv://u:p@cluster.example/halls')).toBe('halls');
    expect(redactUri('mongodb://u:p@h/x')).toBe('mongodb://u:***@h/x');
  });

  it('writes with majority concern and never stores an undefined optional field as null', () => {
    expect(MONGO_CLIENT_OPTIONS).toMatchObject({ writeConcern: { w: 'majority' }, ignoreUndefined: true });
  });

  it('maps a unique-index refusal to conflict and leaves other errors alone', () => {
    const dup = Object.assign(
      new Error('E11000 duplicate key error collection: hall.tickets index: tickets_number dup key'),
      {
        code: 11000,
      },
    );
    const mapped = mapWriteError(dup);
    expect(isDomainError(mapped) && mapped.code).toBe('conflict');
    expect(isDomainError(mapped) && mapped.details).toEqual({ index: 'tickets_number' });
    const other = new Error('network');
    expect(mapWriteError(other)).toBe(other);
  });
});

describe('MongoDB store: filters and updates', () => {
  it('builds the claim query from the hall, the day and waiting, in queue order', () => {
    expect(waitingOfDayFilter('h1', DAY)).toEqual({ hallId: 'h1', businessDay: DAY, status: 'waiting' });
    expect(Object.keys(QUEUE_SORT)).toEqual(['effectiveAt', 'issuedAt', 'number']);
  });

  it('filters ticket lists as the port describes, and an empty status list matches nothing', () => {
    expect(ticketListFilter('h1', { statuses: [] })).toBeNull();
    expect(
      ticketListFilter('h1', { statuses: ['waiting', 'held'], businessDay: DAY, windowId: 'w1' }),
    ).toEqual({
      hallId: 'h1',
      status: { $in: ['waiting', 'held'] },
      businessDay: DAY,
      windowId: 'w1',
    });
    expect(ticketListFilter('h1', { after: { issuedAt: 5, number: 'A002', id: 't9' } })).toEqual({
      hallId: 'h1',
      $or: [
        { issuedAt: { $gt: 5 } },
        { issuedAt: 5, number: { $gt: 'A002' } },
        { issuedAt: 5, number: 'A002', _id: { $gt: 't9' } },
      ],
    });
    expect([limitOf(undefined), limitOf(-3), limitOf(2.7)]).toEqual([0, 0, 2]);
  });

  it('sets only ticket patch fields and bumps the version', () => {
    expect(
      ticketPatchUpdate({ status: 'called', windowId: 'w1', calledAt: 9, startedAt: undefined }),
    ).toEqual({
      $set: { status: 'called', windowId: 'w1', calledAt: 9 },
      $inc: { version: 1 },
    });
    expect(() => ticketPatchUpdate({ number: 'X' } as never)).toThrow(/cannot change number/);
  });

  it('counts numbers per hall, prefix and business day with $inc and an upsert', () => {
    expect(counterUpdate('h1', 'A', DAY)).toEqual({
      filter: { _id: counterId('h1', 'A', DAY) },
      update: { $inc: { lastSeq: 1 }, $setOnInsert: { hallId: 'h1', prefix: 'A', businessDay: DAY } },
    });
    expect(counterId('h1', 'A', DAY)).not.toBe(counterId('h1', 'B', DAY));
    expect(counterId('h1', 'A', DAY)).not.toBe(counterId('h1', 'A', '2030-01-02'));
  });

  it('reserves a run of event seqs with one $inc and hands them out in order', () => {
    expect(eventSeqUpdate('h1', 3)).toEqual({ filter: { _id: 'h1' }, update: { $inc: { eventSeq: 3 } } });
    expect(seqsEndingAt(10, 3)).toEqual([8, 9, 10]);
    expect(seqsEndingAt(1, 1)).toEqual([1]);
  });

  it('orders "ahead of" the same way as the queue sort', () => {
    expect(aheadOf({ effectiveAt: 5, issuedAt: 6, number: 'A003' })).toEqual({
      $or: [
        { effectiveAt: { $lt: 5 } },
        { effectiveAt: 5, issuedAt: { $lt: 6 } },
        { effectiveAt: 5, issuedAt: 6, number: { $lt: 'A003' } },
      ],
    });
    const [match, group] = waitingGroupsPipeline('h1');
    expect(match).toEqual({ $match: { hallId: 'h1', status: 'waiting' } });
    expect(Object.keys((group as { $group: { _id: object } }).$group._id)).toEqual([
      'serviceId',
      'priority',
      'assistance',
      'targetWindowId',
    ]);
  });

  it('builds the other list filters, with empty lists matching nothing', () => {
    expect(printJobFilter({ statuses: [] })).toBeNull();
    expect(printJobFilter({ hallId: 'h', statuses: ['queued'] })).toEqual({
      hallId: 'h',
      status: { $in: ['queued'] },
    });
    expect(evaluationFilter('h', { levels: [] })).toBeNull();
    expect(evaluationFilter('h', { from: 1, to: 2, levels: [1, 2] })).toEqual({
      hallId: 'h',
      at: { $gte: 1, $lt: 2 },
      level: { $in: [1, 2] },
    });
    expect(rectificationFilter('h')).toEqual({ hallId: 'h' });
    expect(rectificationFilter('h', { statuses: [] })).toBeNull();
  });

  it('changes only state, pause reason and clerk of a window', () => {
    expect(windowPatchSet({ state: 'paused', pauseReason: '午休' })).toEqual({
      state: 'paused',
      pauseReason: '午休',
    });
    expect(windowPatchSet({ currentClerkId: null })).toEqual({ currentClerkId: null });
  });
});

describe('MongoDB store: documents and entities', () => {
  it('stores an entity with its id as _id and reads it back unchanged', () => {
    const hall = buildHall();
    const doc = toDoc(hall);
    expect(doc._id).toBe(hall.id);
    expect('id' in doc).toBe(false);
    expect(fromDoc(doc)).toEqual(hall);
    expect(fromDoc(null)).toBeNull();
  });

  it('keeps the window bookkeeping of call-next out of the entity, and gives it to the claim decision', () => {
    const window = { ...buildWindow(buildHall()), currentTicketId: 't1', lastCallNextAt: 50 };
    const doc: WindowDoc = { ...toDoc(window), lastClaimTicketId: 't1' };
    expect(fromDoc(doc)).toEqual(window);
    expect(counterOf(doc)).toEqual({
      id: window.id,
      number: window.number,
      state: window.state,
      currentTicketId: 't1',
      lastCallNextAt: 50,
      lastClaimTicketId: 't1',
    });
    expect(counterOf({ ...toDoc(window) }).lastClaimTicketId).toBeNull();
  });

  it('stores an event under hall:seq and reads it through the upcaster', () => {
    const event = buildEvent('h1');
    const doc = toEventDoc(event, 7);
    expect(doc._id).toBe('h1:7');
    expect(doc.seq).toBe(7);
    expect(fromEventDoc(doc)).toEqual({ ...event, seq: 7 });
  });

  it('writes the issue event as the SQLite store does', () => {
    const service = buildService(buildHall());
    const input = buildIssueInput(service, { prefix: 'A' });
    const e = issuedEvent(input, 'A001');
    expect(e).toMatchObject({ type: 'ticket.issued', ticketId: input.id, to: 'waiting', from: null });
    expect(fromEventDoc(toEventDoc(e, 1))).toEqual({ ...e, seq: 1 });
  });

  it('reads the call-next projection of a waiting ticket', () => {
    expect(
      toQueued({
        _id: 't1',
        serviceId: 's1',
        categories: ['elderly'],
        assistance: false,
        effectiveAt: 1,
        issuedAt: 2,
        number: 'A001',
      }),
    ).toEqual({
      id: 't1',
      serviceId: 's1',
      categories: ['elderly'],
      assistance: false,
      targetWindowId: null,
      effectiveAt: 1,
      issuedAt: 2,
      number: 'A001',
    });
  });
});

function ev(hallId: string, seq: number): HallEvent {
  return { ...buildEvent(hallId), seq };
}

describe('MongoDB store: following the log', () => {
  it('hands events out in seq order, once each', () => {
    const cursors = new HallCursors([['h1', 2]]);
    const plan = cursors.plan('h1', [ev('h1', 1), ev('h1', 2), ev('h1', 3), ev('h1', 4)]);
    expect(plan.ready.map((e) => e.seq)).toEqual([3, 4]);
    expect(plan.gapAfter).toBeNull();
    cursors.advance('h1', plan.ready);
    expect(cursors.position('h1')).toBe(4);
    // The stream brings a locally offered event again: dropped.
    expect(cursors.plan('h1', [ev('h1', 4)]).ready).toEqual([]);
  });

  it('stops at a gap and says from where the log must be read', () => {
    const cursors = new HallCursors([['h1', 2]]);
    const plan = cursors.plan('h1', [ev('h1', 3), ev('h1', 5), ev('h1', 6)]);
    // 3 follows 2; 4 is missing, so the log is read after 3.
    expect(plan.ready.map((e) => e.seq)).toEqual([3]);
    expect(plan.gapAfter).toBe(3);
    cursors.advance('h1', plan.ready);
    expect(cursors.plan('h1', [ev('h1', 5)]).gapAfter).toBe(3);
  });

  it('starts a hall first seen after the follow began at its first event', () => {
    const cursors = new HallCursors();
    expect(cursors.plan('new', [ev('new', 1), ev('new', 2)]).ready).toHaveLength(2);
    expect(cursors.plan('new', [ev('new', 2)]).gapAfter).toBe(0);
  });

  it('resumes the change stream after the last change seen, or from now when the token is lost', () => {
    const point = new ResumePoint();
    expect(point.options()).toEqual({});
    point.seen({ _data: '8263A1' });
    expect(point.options()).toEqual({ resumeAfter: { _data: '8263A1' } });
    point.seen(undefined);
    expect(point.options()).toEqual({ resumeAfter: { _data: '8263A1' } });
    point.lost();
    expect(point.options()).toEqual({});
    expect(isResumeTokenLost({ code: 286 })).toBe(true);
    expect(isResumeTokenLost({ code: 6 })).toBe(false);
    expect(isResumeTokenLost(new Error('x'))).toBe(false);
  });
});
