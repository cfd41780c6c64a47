import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryView } from '../../preload/contract';
import { i18n } from '../i18n';
import { deliveryStatusText } from './WebhooksPanel';

const base: DeliveryView = { id: 'd1', webhookId: 'wh-abcdef', event: 'message', createdAt: 0, attempts: 0, status: 'pending', lastStatus: null, lastError: null, nextAt: null, deliveredAt: null };

describe('deliveryStatusText: how a webhook delivery went', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it("in English: delivered with its status, sending, or failed with main's reason", () => {
    expect(deliveryStatusText({ ...base, status: 'delivered', attempts: 1, lastStatus: 204 })).toBe('delivered (HTTP 204)');
    expect(deliveryStatusText(base)).toBe('sending');
    expect(deliveryStatusText({ ...base, attempts: 2, lastStatus: 500, lastError: 'The receiver answered HTTP 500' })).toBe('failed 2×: The receiver answered HTTP 500, retrying');
  });

  it("in Brazilian Portuguese: the reason from the receiver's status, not main's English", async () => {
    await i18n.changeLanguage('pt-BR');
    expect(deliveryStatusText({ ...base, attempts: 2, lastStatus: 500, lastError: 'The receiver answered HTTP 500' })).toBe('falhou 2×: o destinatário respondeu HTTP 500; tentando novamente');
    expect(deliveryStatusText({ ...base, attempts: 1, lastError: 'The receiver could not be reached (ECONNREFUSED)' })).toBe('falhou 1×: não foi possível alcançar o destinatário; tentando novamente');
    expect(deliveryStatusText(base)).toBe('enviando');
  });
});
