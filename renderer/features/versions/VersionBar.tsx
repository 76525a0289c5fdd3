/**
 * Above the article: which capture this is (version k of n, with links to the others), what
 * changed since the earlier one (the diff), annotations of the earlier version that could not
 * be placed in this one (orphans, with their text), and the offer to trim comment debris.
 */
import { useEffect, useState } from 'react';
import type { Annotation, Snapshot, SnapshotSummary } from '../../../core/model';
import { hrefFor, navigate } from '../../app/route';
import { formatDate } from '../../ui/format';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { versionsMessages } from './messages';
import { DiffView } from './DiffView';
import './versions.css';

export function VersionBar({ snapshot }: { snapshot: Snapshot }) {
  const m = useMessages(versionsMessages);
  const [versions, setVersions] = useState<SnapshotSummary[]>([]);
  const [orphans, setOrphans] = useState<Annotation[]>([]);
  const [open, setOpen] = useState<'diff' | 'orphans' | null>(null);
  const [trimError, setTrimError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void glossa()
      .openSnapshot({ id: snapshot.id })
      .then((o) => live && setVersions(o.versions));
    void glossa()
      .listOrphans({ snapshotId: snapshot.id })
      .then((o) => live && setOrphans(o));
    return () => {
      live = false;
    };
  }, [snapshot.id]);

  const index = versions.findIndex((v) => v.id === snapshot.id);
  const previous = index > 0 ? versions[index - 1] : null;
  const newest = versions.at(-1);
  const trim = async () => {
    try {
      const out = await glossa().trimDebris({ snapshotId: snapshot.id });
      navigate({ view: 'reader', snapshotId: out.snapshotId });
    } catch (e) {
      setTrimError((e as Error).message);
    }
  };

  if (versions.length <= 1 && !snapshot.debris && orphans.length === 0) return null;
  return (
    <section className="version-bar" aria-label={m.barLabel}>
      {versions.length > 1 ? (
        <p>
          {m.versionOf(index + 1, versions.length, formatDate(snapshot.capturedAt))}{' '}
          {versions.map((v, i) =>
            v.id === snapshot.id ? null : (
              <a key={v.id} className="version-link" href={hrefFor({ view: 'reader', snapshotId: v.id })}>
                {m.versionLink(i + 1, formatDate(v.capturedAt))}
              </a>
            ),
          )}
          {newest && newest.id !== snapshot.id ? <strong className="version-warning">{m.newerExists}</strong> : null}
          {previous ? (
            <button type="button" className="button button-small" aria-expanded={open === 'diff'} onClick={() => setOpen(open === 'diff' ? null : 'diff')}>
              {open === 'diff' ? m.hideChanges : m.showChangesSince(index)}
            </button>
          ) : null}
        </p>
      ) : null}
      {orphans.length ? (
        <p>
          {m.orphans(orphans.length)}{' '}
          <button
            type="button"
            className="button button-small"
            aria-expanded={open === 'orphans'}
            onClick={() => setOpen(open === 'orphans' ? null : 'orphans')}
          >
            {open === 'orphans' ? m.hideThem : m.listThem}
          </button>
        </p>
      ) : null}
      {open === 'orphans' ? <OrphanList orphans={orphans} earlierId={previous?.id ?? snapshot.previousVersionId} /> : null}
      {snapshot.debris ? (
        <p>
          {m.debris(snapshot.debris.marker)}{' '}
          <button type="button" className="button button-small" onClick={() => void trim()}>
            {m.trim}
          </button>
          {trimError ? (
            <span className="inline-error" role="alert">
              {' '}
              {trimError}
            </span>
          ) : null}
        </p>
      ) : null}
      {open === 'diff' && previous ? <DiffView fromId={previous.id} toId={snapshot.id} /> : null}
    </section>
  );
}

function OrphanList({ orphans, earlierId }: { orphans: Annotation[]; earlierId: string | null }) {
  const m = useMessages(versionsMessages);
  const common = useMessages(commonMessages);
  return (
    <ul className="orphan-list" aria-label={m.orphanListLabel}>
      {orphans.map((a) => (
        <li key={a.id}>
          <span className={`kind-chip kind-${a.kind}`}>{common.kindName[a.kind]}</span> {m.quoted(a.target.quote.exact)}
          {earlierId ? (
            <>
              {' '}
              <a href={hrefFor({ view: 'reader', snapshotId: earlierId })}>{m.openEarlier}</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
