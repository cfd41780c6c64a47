import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n';
import { errorCodeText, errorText, invalidField } from './errors';

describe('errorText: what a control says when its command failed', () => {
  it("is main's own message", () => {
    expect(errorText({ code: 'STORE_UNREACHABLE', message: 'S3 bucket "b" at h:9000: no answer in time.' })).toBe('S3 bucket "b" at h:9000: no answer in time.');
    expect(errorText({ code: 'WRONG_PASSPHRASE', message: 'That is not the passphrase.' }, 'That passphrase does not open this backup.')).toBe('That is not the passphrase.');
  });

  it('without a message: the caller’s words if it has some, else the code', () => {
    expect(errorText({ code: 'WRONG_PASSPHRASE', message: '' }, 'That passphrase does not open this backup.')).toBe('That passphrase does not open this backup.');
    expect(errorText({ code: 'INTERNAL', message: '' })).toBe('Something went wrong (INTERNAL).');
  });

  it('when main cannot be reached, only that the change did not happen (the banner says why)', () => {
    expect(errorText({ code: 'HOST_UNREACHABLE', message: 'socket closed' }, 'unused')).toBe('Not saved: the app is not connected (see the message above).');
    expect(errorText({ code: 'UNAUTHORIZED', message: 'bad token' })).toBe('Not saved: the app is not connected (see the message above).');
  });
});

describe('invalidField: which field an error stands beside', () => {
  it('the field main named in INVALID_INPUT, and nothing for any other code', () => {
    expect(invalidField({ code: 'INVALID_INPUT', message: 'The port is a number.', field: 'settings.port' })).toBe('settings.port');
    expect(invalidField({ code: 'INVALID_INPUT', message: 'Bad input.' })).toBeNull();
    expect(invalidField({ code: 'STORE_NOT_FOUND', message: 'No bucket.', field: 'settings.bucket' })).toBeNull();
  });
});

describe('errorText in Brazilian Portuguese', () => {
  beforeEach(() => i18n.changeLanguage('pt-BR'));
  afterEach(() => i18n.changeLanguage('en'));

  it("replaces main's English message with the sentence for its code", () => {
    expect(errorText({ code: 'STORE_UNREACHABLE', message: 'S3 bucket "b" at h:9000: no answer in time.' })).toBe('Não foi possível alcançar o armazenamento de backup. Verifique o endereço e a rede.');
    expect(errorText({ code: 'WRONG_PASSPHRASE', message: 'That is not the passphrase.' }, 'unused')).toBe('Essa frase de recuperação ou senha não abre este backup.');
    expect(errorText({ code: 'TIMEOUT', message: 'no answer within 30 s' })).toBe('O app não respondeu a tempo. Tente novamente.');
  });

  it('says in Portuguese that a change was not saved while main is unreachable', () => {
    expect(errorText({ code: 'HOST_UNREACHABLE', message: 'socket closed' })).toBe('Não foi salvo: o app não está conectado (veja a mensagem acima).');
  });

  it('a code this build does not know still reads as Portuguese, naming the code', () => {
    expect(errorCodeText('SOMETHING_NEW')).toBe('Algo deu errado (SOMETHING_NEW).');
  });
});
