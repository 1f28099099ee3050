export { AppConfig, APP_CONFIG, ConfigError, loadConfig } from './config.js';
