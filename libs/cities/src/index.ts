export { City } from './entities/city.entity.js';
export { CitiesModule } from './cities.module.js';
export { CitiesService, escapeLike } from './cities.service.js';
export { presentCity, presentCitySummary } from './city.presenter.js';
export { regionOf, isCountryCode, countryName } from './region.js';
export { citySqlNames } from './city-sql.js';
