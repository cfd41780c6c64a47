// Types every t() call against the English catalogs: a key English lacks is a type error.
import 'i18next';
import type { Catalog } from './resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Catalog;
  }
}
