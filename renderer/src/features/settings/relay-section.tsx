// Settings → "Media relay": the user's own S3-compatible bucket, which Instagram and Threads
// fetch media from. Test runs put, sign, fetch and delete and shows each step in words;
// Save runs the same test and keeps the settings only when it passed. The keys go in and
// never come back: the form learns only that keys are kept.
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import type { RelayInfo, RelaySettingsInput, RelayTestReport } from '../../../../shared/relay.ts';
import type { AppError } from '../../../../shared/result.ts';
import { showToast } from '../../app/toasts/toast-store.ts';
import { BusyButton } from '../../app/ui/busy-button.tsx';
import { Field } from '../../app/ui/field.tsx';
import { getBridge } from '../../bridge/bridge.ts';
import { issueFor } from '../accounts/networks/connect-form-parts.tsx';
import '../accounts/accounts.css';
import './relay-section.css';

type TextField = 'endpoint' | 'region' | 'bucket' | 'accessKeyId' | 'secretAccessKey';

const stepNames = { put: 'Put', presign: 'Sign', fetch: 'Fetch', delete: 'Delete' } as const;
const marks = { passed: '✓', failed: '✗', skipped: '–' } as const;

const reportOf = (error: AppError): RelayTestReport | null => {
  const report = error.details?.report;
  return typeof report === 'object' && report !== null ? (report as RelayTestReport) : null;
};

export function RelaySection() {
  const uid = useId();
  const id = (field: TextField) => `${uid}-${field}`;
  const [relay, setRelay] = useState<RelayInfo | null>(null);
  const [values, setValues] = useState<Record<TextField, string>>({
    endpoint: '',
    region: '',
    bucket: '',
    accessKeyId: '',
    secretAccessKey: '',
  });
  const [pathStyle, setPathStyle] = useState(true);
  const [busy, setBusy] = useState<'test' | 'save' | 'forget' | null>(null);
  const [report, setReport] = useState<RelayTestReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  function show(info: RelayInfo | null) {
    setRelay(info);
    if (info === null) return;
    setValues((v) => ({ ...v, endpoint: info.endpoint, region: info.region, bucket: info.bucket }));
    setPathStyle(info.pathStyle);
  }

  useEffect(() => {
    let live = true;
    void getBridge()
      .invoke('relay:get', {})
      .then((result) => {
        if (live && result.ok) show(result.value.relay);
      });
    return () => {
      live = false;
    };
  }, []);

  /** The form as the core takes it: keys left empty keep the saved ones. */
  function settings(): RelaySettingsInput {
    const keys =
      values.accessKeyId.trim() === '' && values.secretAccessKey === '' && relay !== null
        ? {}
        : { accessKeyId: values.accessKeyId, secretAccessKey: values.secretAccessKey };
    return {
      endpoint: values.endpoint,
      region: values.region,
      bucket: values.bucket,
      pathStyle,
      ...keys,
    };
  }

  async function run(kind: 'test' | 'save') {
    if (busy !== null) return;
    setBusy(kind);
    setError(null);
    setReport(null);
    const result =
      kind === 'test'
        ? await getBridge().invoke('relay:test', { settings: settings() })
        : await getBridge().invoke('relay:save', settings());
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      setReport(reportOf(result.error));
      const field = (
        ['endpoint', 'region', 'bucket', 'accessKeyId', 'secretAccessKey'] as const
      ).find((f) => issueFor(result.error, f) !== null);
      if (field !== undefined) document.getElementById(id(field))?.focus();
      return;
    }
    if ('relay' in result.value) {
      show(result.value.relay);
      setReport(result.value.report);
      setValues((v) => ({ ...v, accessKeyId: '', secretAccessKey: '' }));
      showToast('Media relay saved.');
    } else {
      setReport(result.value);
    }
  }

  async function forget() {
    if (busy !== null) return;
    setBusy('forget');
    const result = await getBridge().invoke('relay:forget', {});
    setBusy(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setRelay(null);
    setReport(null);
    showToast('Media relay and its keys forgotten.');
  }

  const fieldError = (field: TextField) => issueFor(error, field);
  const input = (field: TextField, props: { placeholder?: string; secret?: boolean } = {}) => {
    const Control = (control: Parameters<Parameters<typeof Field>[0]['children']>[0]) => (
      <input
        {...control}
        className="input input-mono"
        type={props.secret === true ? 'password' : 'text'}
        value={values[field]}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        onChange={(e) => {
          setValues((v) => ({ ...v, [field]: e.target.value }));
        }}
      />
    );
    return Control;
  };
  const alert = error !== null && report === null && error.details?.issues === undefined;

  return (
    <section
      className="settings-section settings-section-wide panel"
      aria-labelledby={`${uid}-heading`}
    >
      <div className="settings-section-text">
        <h2 id={`${uid}-heading`}>Media relay</h2>
        <p>
          Instagram and Threads fetch photos and videos only from a public address. Starling puts
          each file in your own S3-compatible bucket under a random name, gives the network a link
          that works for at most an hour, and deletes the file once it is fetched (anything left is
          deleted after a day).{' '}
          {relay === null
            ? 'Without a relay, those networks can take text only.'
            : `Files go to “${relay.bucket}”.`}
        </p>
      </div>
      <form
        className="app-form relay-form"
        noValidate
        aria-label="Media relay settings"
        onSubmit={(event: SubmitEvent) => {
          event.preventDefault();
          void run('save');
        }}
      >
        {alert && (
          <div className="form-alert" role="alert">
            {error.message}
          </div>
        )}
        <div className="app-form-fields relay-fields">
          <div className="relay-endpoint">
            <Field
              id={id('endpoint')}
              label="Endpoint"
              error={fieldError('endpoint')}
              hint="e.g. https://s3.eu-central-1.amazonaws.com or your provider’s S3 address"
            >
              {input('endpoint', { placeholder: 'https://' })}
            </Field>
          </div>
          <Field id={id('region')} label="Region" error={fieldError('region')}>
            {input('region', { placeholder: 'e.g. eu-central-1, auto' })}
          </Field>
          <Field id={id('bucket')} label="Bucket" error={fieldError('bucket')}>
            {input('bucket', { placeholder: 'e.g. my-starling-relay' })}
          </Field>
          <Field
            id={id('accessKeyId')}
            label="Access key id"
            error={fieldError('accessKeyId')}
            hint={
              relay === null
                ? 'Sealed by your vault once saved.'
                : 'Saved and sealed. Leave both keys empty to keep them.'
            }
          >
            {input('accessKeyId')}
          </Field>
          <Field
            id={id('secretAccessKey')}
            label="Secret access key"
            error={fieldError('secretAccessKey')}
          >
            {input('secretAccessKey', { secret: true })}
          </Field>
        </div>
        <label className="toggle toggle-wrap">
          <input
            type="checkbox"
            className="checkbox"
            checked={pathStyle}
            onChange={(e) => {
              setPathStyle(e.target.checked);
            }}
          />
          Bucket name in the path (most S3-compatible services)
        </label>
        <RelayReport report={report} />
        <div className="app-form-submit">
          {relay !== null && (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                void forget();
              }}
            >
              Forget the relay
            </button>
          )}
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={busy !== null}
            data-busy={busy === 'test'}
            onClick={() => {
              void run('test');
            }}
          >
            Test
          </button>
          <BusyButton type="submit" variant="primary" busy={busy === 'save'}>
            Save relay
          </BusyButton>
        </div>
      </form>
    </section>
  );
}

function RelayReport({ report }: { report: RelayTestReport | null }) {
  return (
    <div className="relay-report" role="status" aria-live="polite">
      {report !== null && (
        <>
          <p className="relay-report-title">
            {report.ok ? 'The relay works.' : 'The relay does not work yet.'}
          </p>
          <ol className="relay-steps">
            {report.steps.map((s) => (
              <li key={s.step} className={`relay-step relay-step-${s.outcome}`}>
                <span className="relay-step-mark" aria-hidden="true">
                  {marks[s.outcome]}
                </span>
                <span className="relay-step-name">{stepNames[s.step]}</span>
                <span className="relay-step-message">
                  <span className="visually-hidden">{s.outcome}: </span>
                  {s.message}
                </span>
              </li>
            ))}
          </ol>
          {report.warnings.map((w) => (
            <p key={w} className="relay-warning">
              {w}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
