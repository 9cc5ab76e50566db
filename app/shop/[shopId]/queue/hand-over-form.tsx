'use client';

import { useActionState, useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { SubmitButton } from '@/app/_components/submit-button';
import { fieldId } from '@/app/_components/form-field';
import { Alert, Button } from '@/app/_components/ui';
import type { TPickupMatch } from '@/lib/shop-queue/find-pickup-order';
import { findPickupAction, handOverAction } from './actions';

type TBarcodeDetector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type TBarcodeDetectorClass = { new (options: { formats: string[] }): TBarcodeDetector; getSupportedFormats(): Promise<string[]> };

function barcodeDetectorClass(): TBarcodeDetectorClass | null {
  const candidate = (globalThis as { BarcodeDetector?: TBarcodeDetectorClass }).BarcodeDetector;
  return typeof candidate === 'function' && !!navigator.mediaDevices?.getUserMedia ? candidate : null;
}

/**
 * Hand-over at the counter: type the customer's code (or scan their QR code, which fills it in)
 * and the server finds the order waiting here; one tap hands it over. Choosing the order from
 * the ready list first is optional. A scanner that types the QR's text and Enter works as is.
 */
export function HandOverForm({ shopId, orders }: { shopId: string; orders: { id: string; label: string }[] }) {
  const [isFinding, startFinding] = useTransition();
  const [found, setFound] = useState<{ matches: TPickupMatch[]; code: string } | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [handedOver, setHandedOver] = useState<string | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const onScanned = useCallback((text: string) => {
    if (!codeRef.current) return;
    codeRef.current.value = text;
    codeRef.current.form?.requestSubmit();
  }, []);
  const onHandedOver = useCallback((message: string) => {
    setFound(null);
    setHandedOver(message);
    if (codeRef.current) codeRef.current.value = '';
  }, []);

  function find(form: HTMLFormElement) {
    const data = new FormData(form);
    const code = String(data.get('code') ?? '');
    const orderId = String(data.get('orderId') ?? '');
    setHandedOver(null);
    startFinding(async () => {
      const result = await findPickupAction({ shopId, code, orderId });
      if (result.ok) {
        setError(null);
        setFound({ matches: result.data, code });
      } else {
        setFound(null);
        setError({ message: result.error, field: result.fieldErrors?.code?.join(' ') });
      }
    });
  }

  return (
    <div className="space-y-3">
      <form
        className="space-y-3"
        noValidate
        aria-label="Hand over an order"
        onSubmit={(event) => {
          event.preventDefault();
          find(event.currentTarget);
        }}
      >
        {error ? <Alert>{error.message}</Alert> : null}
        {handedOver ? <Alert tone="good">{handedOver}</Alert> : null}
        <div className="grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
          <div className="space-y-1">
            <label htmlFor={fieldId('code')} className="block text-sm font-medium text-slate-800">
              Pickup code
            </label>
            <div className="flex gap-2">
              <input
                ref={codeRef}
                id={fieldId('code')}
                name="code"
                autoComplete="off"
                inputMode="numeric"
                placeholder="6 digits, or scan the QR"
                className="w-full"
                aria-invalid={!!error?.field || undefined}
                onChange={() => setFound(null)}
              />
              <QrScanButton onCode={onScanned} />
            </div>
            {error?.field ? (
              <span className="block text-sm text-red-700" data-field-error="code">
                {error.field}
              </span>
            ) : null}
          </div>
          {orders.length ? (
            <div className="space-y-1">
              <label htmlFor={fieldId('orderId')} className="block text-sm font-medium text-slate-800">
                Order (optional)
              </label>
              <select id={fieldId('orderId')} name="orderId" className="w-full rounded-md border border-slate-300 px-2 py-2 text-sm" defaultValue="" onChange={() => setFound(null)}>
                <option value="">Any order: find it by the code</option>
                {orders.map((order) => (
                  <option key={order.id} value={order.id}>
                    {order.label}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div />
          )}
          <Button type="submit" tone="secondary" disabled={isFinding} aria-busy={isFinding}>
            {isFinding ? 'Finding…' : 'Find order'}
          </Button>
        </div>
      </form>
      {found ? (
        <ul className="space-y-2" aria-label="Matching orders">
          {found.matches.length > 1 ? <p className="text-sm text-amber-800">{found.matches.length} orders have this code: check the order number with the customer.</p> : null}
          {found.matches.map((match) => (
            <PickupMatch key={match.orderId} shopId={shopId} code={found.code} match={match} onDone={onHandedOver} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PickupMatch({ shopId, code, match, onDone }: { shopId: string; code: string; match: TPickupMatch; onDone: (message: string) => void }) {
  const [state, formAction] = useActionState(handOverAction, {});
  useEffect(() => {
    if (state.success) onDone(state.success);
  }, [state.success, onDone]);
  return (
    <li className="rounded-lg border border-emerald-200 bg-emerald-50 p-3" data-testid="pickup-match" data-order-number={match.number}>
      <form action={formAction} className="flex flex-wrap items-center justify-between gap-3">
        <input type="hidden" name="shopId" value={shopId} />
        <input type="hidden" name="orderId" value={match.orderId} />
        <input type="hidden" name="code" value={code} />
        <div className="text-sm">
          <p className="font-medium">
            <span className="font-mono">{match.number}</span> · {match.customerFirstName}
          </p>
          <p className="text-slate-700">
            {match.pages} page{match.pages === 1 ? '' : 's'} × {match.copies}
            {match.files.length ? ` · ${match.files.join(', ')}` : ''}
          </p>
        </div>
        <SubmitButton pendingLabel="Handing over…">Hand over</SubmitButton>
        {state.error ? (
          <span className="w-full text-sm text-red-700" role="alert">
            {state.error}
          </span>
        ) : null}
      </form>
    </li>
  );
}

/**
 * Reads the customer's QR code with the camera where the browser has BarcodeDetector (Chromium
 * on Android, ChromeOS, macOS); elsewhere the button is not shown and the code is typed, or a
 * USB scanner types it.
 */
function QrScanButton({ onCode }: { onCode: (text: string) => void }) {
  const [isSupported, setIsSupported] = useState(false);
  const [isScanning, setIsScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const Detector = barcodeDetectorClass();
    if (!Detector) return;
    let isCurrent = true;
    Detector.getSupportedFormats()
      .then((formats) => isCurrent && setIsSupported(formats.includes('qr_code')))
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, []);

  useEffect(() => {
    const Detector = barcodeDetectorClass();
    if (!isScanning || !Detector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isCurrent = true;
    const detector = new Detector({ formats: ['qr_code'] });
    const tick = async () => {
      const video = videoRef.current;
      if (!isCurrent || !video) return;
      try {
        const [code] = video.readyState >= 2 ? await detector.detect(video) : [];
        if (code?.rawValue && isCurrent) {
          setIsScanning(false);
          onCode(code.rawValue);
          return;
        }
      } catch {
        // A frame the detector could not read: try the next one.
      }
      timer = setTimeout(tick, 200);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (!isCurrent || !videoRef.current) return media.getTracks().forEach((t) => t.stop());
        videoRef.current.srcObject = media;
        await videoRef.current.play();
        void tick();
      })
      .catch(() => {
        setProblem('The camera is not available. Type the code instead.');
        setIsScanning(false);
      });
    return () => {
      isCurrent = false;
      clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [isScanning, onCode]);

  if (!isSupported) return null;
  return (
    <>
      <Button
        type="button"
        tone="secondary"
        className="whitespace-nowrap"
        onClick={() => {
          setProblem(null);
          setIsScanning((s) => !s);
        }}
      >
        {isScanning ? 'Stop' : 'Scan QR'}
      </Button>
      {isScanning ? <video ref={videoRef} className="fixed bottom-4 right-4 z-50 w-64 rounded-lg border border-slate-300 bg-black shadow-lg" muted playsInline aria-label="Camera" /> : null}
      {problem ? (
        <span className="text-sm text-red-700" role="alert">
          {problem}
        </span>
      ) : null}
    </>
  );
}
