import './i18n/i18n';
import './app/app-shell';
