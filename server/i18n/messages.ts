/** Every server message file, imported statically so a bundled server carries them. */
import en_common from './locales/en/common.json' with { type: 'json' };
import en_errors from './locales/en/errors.json' with { type: 'json' };
import en_errors_project from './locales/en/errors-project.json' with { type: 'json' };
import en_errors_documents from './locales/en/errors-documents.json' with { type: 'json' };
import en_errors_literature from './locales/en/errors-literature.json' with { type: 'json' };
import en_errors_exchange from './locales/en/errors-exchange.json' with { type: 'json' };
import en_errors_import from './locales/en/errors-import.json' with { type: 'json' };
import en_analysis from './locales/en/analysis.json' with { type: 'json' };
import en_assessment from './locales/en/assessment.json' with { type: 'json' };
import en_literature from './locales/en/literature.json' with { type: 'json' };
import en_practices from './locales/en/practices.json' with { type: 'json' };
import en_tables from './locales/en/tables.json' with { type: 'json' };
import en_exchange from './locales/en/exchange.json' with { type: 'json' };
import en_consent from './locales/en/consent.json' with { type: 'json' };
import en_attributes from './locales/en/attributes.json' with { type: 'json' };
import en_codebook from './locales/en/codebook.json' with { type: 'json' };
import nl_common from './locales/nl/common.json' with { type: 'json' };
import nl_errors from './locales/nl/errors.json' with { type: 'json' };
import nl_errors_project from './locales/nl/errors-project.json' with { type: 'json' };
import nl_errors_documents from './locales/nl/errors-documents.json' with { type: 'json' };
import nl_errors_literature from './locales/nl/errors-literature.json' with { type: 'json' };
import nl_errors_exchange from './locales/nl/errors-exchange.json' with { type: 'json' };
import nl_errors_import from './locales/nl/errors-import.json' with { type: 'json' };
import nl_analysis from './locales/nl/analysis.json' with { type: 'json' };
import nl_assessment from './locales/nl/assessment.json' with { type: 'json' };
import nl_literature from './locales/nl/literature.json' with { type: 'json' };
import nl_practices from './locales/nl/practices.json' with { type: 'json' };
import nl_tables from './locales/nl/tables.json' with { type: 'json' };
import nl_exchange from './locales/nl/exchange.json' with { type: 'json' };
import nl_consent from './locales/nl/consent.json' with { type: 'json' };
import nl_attributes from './locales/nl/attributes.json' with { type: 'json' };
import nl_codebook from './locales/nl/codebook.json' with { type: 'json' };
import fr_common from './locales/fr/common.json' with { type: 'json' };
import fr_errors from './locales/fr/errors.json' with { type: 'json' };
import fr_errors_project from './locales/fr/errors-project.json' with { type: 'json' };
import fr_errors_documents from './locales/fr/errors-documents.json' with { type: 'json' };
import fr_errors_literature from './locales/fr/errors-literature.json' with { type: 'json' };
import fr_errors_exchange from './locales/fr/errors-exchange.json' with { type: 'json' };
import fr_errors_import from './locales/fr/errors-import.json' with { type: 'json' };
import fr_analysis from './locales/fr/analysis.json' with { type: 'json' };
import fr_assessment from './locales/fr/assessment.json' with { type: 'json' };
import fr_literature from './locales/fr/literature.json' with { type: 'json' };
import fr_practices from './locales/fr/practices.json' with { type: 'json' };
import fr_tables from './locales/fr/tables.json' with { type: 'json' };
import fr_exchange from './locales/fr/exchange.json' with { type: 'json' };
import fr_consent from './locales/fr/consent.json' with { type: 'json' };
import fr_attributes from './locales/fr/attributes.json' with { type: 'json' };
import fr_codebook from './locales/fr/codebook.json' with { type: 'json' };

export const MESSAGES = {
  en: { ...en_common, ...en_errors, ...en_errors_project, ...en_errors_documents, ...en_errors_literature, ...en_errors_exchange, ...en_errors_import, ...en_analysis, ...en_assessment, ...en_literature, ...en_practices, ...en_tables, ...en_exchange, ...en_consent, ...en_attributes, ...en_codebook },
  nl: { ...nl_common, ...nl_errors, ...nl_errors_project, ...nl_errors_documents, ...nl_errors_literature, ...nl_errors_exchange, ...nl_errors_import, ...nl_analysis, ...nl_assessment, ...nl_literature, ...nl_practices, ...nl_tables, ...nl_exchange, ...nl_consent, ...nl_attributes, ...nl_codebook },
  fr: { ...fr_common, ...fr_errors, ...fr_errors_project, ...fr_errors_documents, ...fr_errors_literature, ...fr_errors_exchange, ...fr_errors_import, ...fr_analysis, ...fr_assessment, ...fr_literature, ...fr_practices, ...fr_tables, ...fr_exchange, ...fr_consent, ...fr_attributes, ...fr_codebook },
};

/** The English error messages, whose keys `AppError` accepts (checked by the compiler). */
export type ErrorMessages = typeof en_errors & typeof en_errors_project & typeof en_errors_documents & typeof en_errors_literature & typeof en_errors_exchange & typeof en_errors_import;
