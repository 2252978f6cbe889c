/** Word lists the demo data is made from (demo-data.ts). */

export const FIRST_NAMES = [
  'Ada', 'Amara', 'Aiko', 'Alejandro', 'Amir', 'Ana', 'Andrei', 'Anika', 'Arjun', 'Ayesha', 'Bea', 'Bilal', 'Camila', 'Chen', 'Chloé',
  'Dario', 'Diego', 'Dmitri', 'Elena', 'Emeka', 'Emma', 'Fatima', 'Felix', 'Grace', 'Hana', 'Hiro', 'Ibrahim', 'Ines', 'Ivan', 'Jana',
  'Javier', 'Jin', 'Joao', 'Julia', 'Kai', 'Kamala', 'Karim', 'Kofi', 'Lars', 'Layla', 'Leila', 'Liam', 'Lucía', 'Mateo', 'Maya',
  'Mei', 'Mohammed', 'Nadia', 'Nia', 'Noah', 'Olga', 'Omar', 'Priya', 'Rafael', 'Ravi', 'Rosa', 'Sakura', 'Samir', 'Sofia', 'Tariq',
  'Thabo', 'Tomás', 'Valentina', 'Wei', 'Yara', 'Yusuf', 'Zara', 'Zoe',
];

export const LAST_NAMES = [
  'Abiodun', 'Adeyemi', 'Andersson', 'Bakker', 'Banerjee', 'Bianchi', 'Chen', 'Costa', 'Da Silva', 'Dubois', 'Fernández', 'Fischer',
  'García', 'Gupta', 'Haddad', 'Hansen', 'Hernández', 'Ivanova', 'Jansen', 'Kaur', 'Khan', 'Kim', 'Kowalski', 'Kumar', 'Lee', 'López',
  'Martin', 'Mensah', 'Moreau', 'Müller', 'Nakamura', 'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Petrov', 'Popescu',
  'Rahman', 'Rossi', 'Santos', 'Sato', 'Schmidt', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Van Dijk', 'Wang', 'Wilson', 'Yilmaz', 'Zhang',
];

export interface DemoCountry {
  code: string;
  timezone: string;
  currency: 'USD' | 'EUR' | 'GBP' | 'CAD' | 'AUD' | 'INR';
  /** Rates there relative to the category's range. */
  rateFactor: number;
  english: 'conversational' | 'fluent' | 'native';
  language: string;
}

export const COUNTRIES: readonly DemoCountry[] = [
  { code: 'US', timezone: 'America/New_York', currency: 'USD', rateFactor: 1.4, english: 'native', language: 'en' },
  { code: 'US', timezone: 'America/Los_Angeles', currency: 'USD', rateFactor: 1.5, english: 'native', language: 'en' },
  { code: 'CA', timezone: 'America/Toronto', currency: 'USD', rateFactor: 1.2, english: 'native', language: 'en' },
  { code: 'GB', timezone: 'Europe/London', currency: 'GBP', rateFactor: 1.1, english: 'native', language: 'en' },
  { code: 'IE', timezone: 'Europe/Dublin', currency: 'EUR', rateFactor: 1.1, english: 'native', language: 'en' },
  { code: 'DE', timezone: 'Europe/Berlin', currency: 'EUR', rateFactor: 1.1, english: 'fluent', language: 'de' },
  { code: 'FR', timezone: 'Europe/Paris', currency: 'EUR', rateFactor: 1.0, english: 'fluent', language: 'fr' },
  { code: 'ES', timezone: 'Europe/Madrid', currency: 'EUR', rateFactor: 0.8, english: 'fluent', language: 'es' },
  { code: 'NL', timezone: 'Europe/Amsterdam', currency: 'EUR', rateFactor: 1.1, english: 'fluent', language: 'nl' },
  { code: 'PL', timezone: 'Europe/Warsaw', currency: 'USD', rateFactor: 0.7, english: 'fluent', language: 'pl' },
  { code: 'UA', timezone: 'Europe/Kyiv', currency: 'USD', rateFactor: 0.6, english: 'fluent', language: 'uk' },
  { code: 'RO', timezone: 'Europe/Bucharest', currency: 'USD', rateFactor: 0.6, english: 'fluent', language: 'ro' },
  { code: 'TR', timezone: 'Europe/Istanbul', currency: 'USD', rateFactor: 0.5, english: 'fluent', language: 'tr' },
  { code: 'EG', timezone: 'Africa/Cairo', currency: 'USD', rateFactor: 0.4, english: 'fluent', language: 'ar' },
  { code: 'NG', timezone: 'Africa/Lagos', currency: 'USD', rateFactor: 0.4, english: 'native', language: 'en' },
  { code: 'KE', timezone: 'Africa/Nairobi', currency: 'USD', rateFactor: 0.4, english: 'fluent', language: 'sw' },
  { code: 'ZA', timezone: 'Africa/Johannesburg', currency: 'USD', rateFactor: 0.6, english: 'native', language: 'en' },
  { code: 'IN', timezone: 'Asia/Kolkata', currency: 'USD', rateFactor: 0.35, english: 'fluent', language: 'hi' },
  { code: 'PK', timezone: 'Asia/Karachi', currency: 'USD', rateFactor: 0.3, english: 'fluent', language: 'ur' },
  { code: 'BD', timezone: 'Asia/Dhaka', currency: 'USD', rateFactor: 0.3, english: 'fluent', language: 'bn' },
  { code: 'PH', timezone: 'Asia/Manila', currency: 'USD', rateFactor: 0.35, english: 'fluent', language: 'tl' },
  { code: 'VN', timezone: 'Asia/Ho_Chi_Minh', currency: 'USD', rateFactor: 0.35, english: 'conversational', language: 'vi' },
  { code: 'JP', timezone: 'Asia/Tokyo', currency: 'USD', rateFactor: 1.0, english: 'conversational', language: 'ja' },
  { code: 'AU', timezone: 'Australia/Sydney', currency: 'AUD', rateFactor: 1.3, english: 'native', language: 'en' },
  { code: 'BR', timezone: 'America/Sao_Paulo', currency: 'USD', rateFactor: 0.5, english: 'fluent', language: 'pt' },
  { code: 'AR', timezone: 'America/Argentina/Buenos_Aires', currency: 'USD', rateFactor: 0.5, english: 'fluent', language: 'es' },
  { code: 'MX', timezone: 'America/Mexico_City', currency: 'USD', rateFactor: 0.5, english: 'fluent', language: 'es' },
  { code: 'CO', timezone: 'America/Bogota', currency: 'USD', rateFactor: 0.45, english: 'fluent', language: 'es' },
];

/** What people in each category call themselves, and their hourly range in USD cents. */
export const ROLES: Record<string, { nouns: string[]; low: number; high: number }> = {
  'web-mobile-software-dev': { nouns: ['developer', 'engineer', 'full-stack developer'], low: 3000, high: 12000 },
  'it-networking-devops': { nouns: ['DevOps engineer', 'cloud engineer', 'systems administrator'], low: 3500, high: 13000 },
  'data-science-analytics': { nouns: ['data scientist', 'data engineer', 'analyst'], low: 3500, high: 14000 },
  'design-creative': { nouns: ['designer', 'illustrator', 'art director'], low: 2000, high: 9000 },
  writing: { nouns: ['writer', 'editor', 'copywriter'], low: 1500, high: 7000 },
  'sales-marketing': { nouns: ['marketer', 'growth consultant', 'strategist'], low: 2000, high: 10000 },
  'admin-support': { nouns: ['virtual assistant', 'assistant', 'coordinator'], low: 800, high: 3500 },
  'customer-service': { nouns: ['support specialist', 'customer success manager'], low: 800, high: 3500 },
  'accounting-consulting': { nouns: ['accountant', 'consultant', 'analyst'], low: 3000, high: 12000 },
  legal: { nouns: ['lawyer', 'legal consultant', 'paralegal'], low: 4000, high: 20000 },
  translation: { nouns: ['translator', 'localization specialist', 'interpreter'], low: 1500, high: 6000 },
  'engineering-architecture': { nouns: ['engineer', 'architect', 'designer'], low: 3000, high: 11000 },
  cybersecurity: { nouns: ['security consultant', 'penetration tester', 'security engineer'], low: 5000, high: 18000 },
  'video-audio-music': { nouns: ['video editor', 'producer', 'sound designer'], low: 2000, high: 8000 },
  'blockchain-web3': { nouns: ['blockchain developer', 'smart contract engineer'], low: 5000, high: 16000 },
  'education-tutoring': { nouns: ['tutor', 'teacher', 'instructional designer'], low: 1500, high: 6000 },
};

export const COMPANIES = [
  'Northwind Traders', 'Contoso', 'Fabrikam', 'Globex', 'Initech', 'Umbrella Health', 'Stark Logistics', 'Wayne Media', 'Acme Studio',
  'Blue Yonder Airlines', 'Tailspin Toys', 'Litware', 'Adventure Works', 'Wide World Importers', 'Proseware', 'Lamna Healthcare',
  'Fourth Coffee', 'Margie\'s Travel', 'Trey Research', 'Coho Winery', 'Alpine Ski House', 'Woodgrove Bank', 'Humongous Insurance',
];

export const SCHOOLS = [
  'University of Toronto', 'Technical University of Munich', 'University of Lagos', 'Indian Institute of Technology Bombay',
  'University of São Paulo', 'Sorbonne University', 'University of Cape Town', 'National University of Singapore', 'University of Warsaw',
  'Universidad de Buenos Aires', 'University of Manchester', 'Kyoto University', 'University of Nairobi', 'Open University',
];

export const CLIENTS: readonly { name: string; industry: string; description: string }[] = [
  { name: 'Harbor Bikes', industry: 'Retail', description: 'An online bicycle shop growing into Europe; we hire for our storefront, ads and product photos.' },
  { name: 'Lumen Health', industry: 'Healthcare', description: 'Telehealth for rural clinics. We need engineers who care about privacy and accessibility.' },
  { name: 'Fieldnote Labs', industry: 'Software', description: 'A small team building note-taking tools for researchers.' },
  { name: 'Greenleaf Grocers', industry: 'Food and beverage', description: 'Organic grocery delivery in three cities, looking for help with logistics and marketing.' },
  { name: 'Atlas Freight', industry: 'Logistics', description: 'Freight brokerage modernising its dispatch software and data.' },
  { name: 'Brightpath Tutoring', industry: 'Education', description: 'Online tutoring for secondary school students in maths and sciences.' },
  { name: 'Oakline Realty', industry: 'Real estate', description: 'Residential agency that needs listings, photos and a better website.' },
  { name: 'Kestrel Security', industry: 'Cybersecurity', description: 'Managed security for small businesses; we bring in specialists for audits.' },
  { name: 'Tidewater Films', industry: 'Media', description: 'Documentary studio hiring editors, colourists and composers per project.' },
  { name: 'Quanta Finance', industry: 'Financial services', description: 'Fintech startup preparing its seed round: models, decks and compliance.' },
  { name: 'Maple & Co Legal', industry: 'Legal services', description: 'Boutique law firm outsourcing research and document review.' },
  { name: 'Sunrise Hotels', industry: 'Hospitality', description: 'Family-run hotel group renewing its booking site and guest communications.' },
  { name: 'Polyglot Games', industry: 'Games', description: 'Indie studio shipping to twelve languages; localisation and art needed.' },
  { name: 'Civic Data Trust', industry: 'Non-profit', description: 'Open data non-profit looking for analysts and writers.' },
  { name: 'Ironwood Manufacturing', industry: 'Manufacturing', description: 'Machine shop moving its designs to CAD and its plant to IoT sensors.' },
];
