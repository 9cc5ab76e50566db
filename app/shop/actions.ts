'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { roleAction } from '@/app/_lib/action';
import { env } from '@/lib/config/env';
import { AppError } from '@/lib/errors/app-error';
import { addPrinter } from '@/lib/printers/add-printer';
import { removePrinter, setPrinterEnabled } from '@/lib/printers/manage-printer';
import { ZAddPrinterRequest } from '@/lib/printers/printer-schemas';
import { deleteHoursException, replaceWeeklyHours, saveHoursException } from '@/lib/shops/shop-hours';
import { replacePriceList } from '@/lib/shops/shop-prices';
import { createShop, setAutoAccept, updateShopProfile } from '@/lib/shops/shop-profile';
import { submitShopForReview } from '@/lib/shops/submit-shop-for-review';
import { parsePriceListForm, parseWeeklyHoursForm, ZHoursExceptionRequest, ZShopProfileRequest } from '@/lib/shops/shop-schemas';

const OWNER = ['shop_owner'] as const;
const ZShopId = z.object({ shopId: z.uuid('Unknown shop') });
/** Forms whose fields are parsed by a lib function (hours rows, price grid): strings only. */
const ZShopForm = ZShopId.catchall(z.string());

function onlyStrings(form: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const createShopAction = roleAction(OWNER, ZShopProfileRequest, async (profile, user) => {
  const shop = await createShop({ ownerId: user.id, profile });
  redirect(`/shop/${shop.id}/hours?onboarding=1`);
});

export const updateShopProfileAction = roleAction(OWNER, ZShopProfileRequest.extend(ZShopId.shape), async ({ shopId, ...profile }, user) => {
  await updateShopProfile({ shopId, ownerId: user.id, profile });
  revalidatePath(`/shop/${shopId}`, 'layout');
  return { success: 'Shop details saved.' };
});

export const saveWeeklyHoursAction = roleAction(OWNER, ZShopForm, async (form, user) => {
  const parsed = parseWeeklyHoursForm(onlyStrings(form));
  if (!parsed.ok) throw new AppError('bad_request', 'Some opening hours need fixing.', { fieldErrors: parsed.fieldErrors });
  await replaceWeeklyHours({ shopId: form.shopId, ownerId: user.id, intervals: parsed.value });
  revalidatePath(`/shop/${form.shopId}`, 'layout');
  if (form.onboarding === '1') redirect(`/shop/${form.shopId}/prices?onboarding=1`);
  return { success: 'Opening hours saved.' };
});

export const saveHoursExceptionAction = roleAction(OWNER, ZHoursExceptionRequest.and(ZShopId), async (input, user) => {
  await saveHoursException({ shopId: input.shopId, ownerId: user.id, exception: input });
  revalidatePath(`/shop/${input.shopId}/hours`);
  return { success: 'Exception saved.' };
});

export const deleteHoursExceptionAction = roleAction(OWNER, ZShopId.extend({ exceptionId: z.uuid() }), async (input, user) => {
  await deleteHoursException({ shopId: input.shopId, ownerId: user.id, exceptionId: input.exceptionId });
  revalidatePath(`/shop/${input.shopId}/hours`);
  return { success: 'Exception removed.' };
});

export const savePriceListAction = roleAction(OWNER, ZShopForm, async (form, user) => {
  const parsed = parsePriceListForm(onlyStrings(form), env().CURRENCY);
  if (!parsed.ok) throw new AppError('bad_request', 'Some prices need fixing.', { fieldErrors: parsed.fieldErrors });
  await replacePriceList({ shopId: form.shopId, ownerId: user.id, priceList: parsed.value });
  revalidatePath(`/shop/${form.shopId}`, 'layout');
  if (form.onboarding === '1') redirect(`/shop/${form.shopId}/printers?onboarding=1`);
  return { success: 'Price list saved.' };
});

export const addPrinterAction = roleAction(OWNER, ZAddPrinterRequest.extend(ZShopId.shape), async ({ shopId, ...request }, user) => {
  const printer = await addPrinter({ shopId, ownerId: user.id, request });
  revalidatePath(`/shop/${shopId}`, 'layout');
  return { success: `Connected “${printer.name}” (${printer.makeAndModel || 'IPP printer'}).` };
});

export const setPrinterEnabledAction = roleAction(OWNER, ZShopId.extend({ printerId: z.uuid(), isEnabled: z.enum(['true', 'false']).transform((v) => v === 'true') }), async (input, user) => {
  await setPrinterEnabled({ shopId: input.shopId, ownerId: user.id, printerId: input.printerId, isEnabled: input.isEnabled });
  revalidatePath(`/shop/${input.shopId}`, 'layout');
});

export const removePrinterAction = roleAction(OWNER, ZShopId.extend({ printerId: z.uuid() }), async (input, user) => {
  await removePrinter({ shopId: input.shopId, ownerId: user.id, printerId: input.printerId });
  revalidatePath(`/shop/${input.shopId}`, 'layout');
});

export const setAutoAcceptAction = roleAction(OWNER, ZShopId.extend({ autoAccept: z.enum(['true', 'false']).transform((v) => v === 'true') }), async (input, user) => {
  await setAutoAccept({ shopId: input.shopId, ownerId: user.id, autoAccept: input.autoAccept });
  revalidatePath(`/shop/${input.shopId}`, 'layout');
});

export const submitShopForReviewAction = roleAction(OWNER, ZShopId, async ({ shopId }, user) => {
  await submitShopForReview({ shopId, ownerId: user.id });
  revalidatePath(`/shop/${shopId}`, 'layout');
  return { success: 'Submitted. An admin will review your shop; you will see the decision here.' };
});
