/**
 * Dutch messages for every API error code, shown to clerks. The code stays
 * stable for software; the message says what is wrong and how to fix it.
 */
export const errorMessagesNl: Record<string, string> = {
  invalid_json: 'De inhoud van het verzoek is geen geldige JSON. Controleer aanhalingstekens en komma’s.',
  unsupported_media_type: 'Stuur de gegevens als JSON, met de header Content-Type: application/json.',
  payload_too_large: 'Het verzoek is te groot. Stuur minder gegevens per verzoek.',
  missing_field: 'Dit veld ontbreekt. Vul het in.',
  unknown_field: 'Dit veld bestaat niet in de API. Verwijder het of controleer de schrijfwijze.',
  invalid_field: 'Deze waarde is ongeldig. Controleer het formaat in de API-documentatie.',
  invalid_document_type: 'Onbekend documenttype. Kies eid, kids-id, passport, driving-licence of residence-permit.',
  invalid_preferred_channel: 'Onbekend kanaal. Kies sms, email of letter.',
  invalid_language: 'Onbekende taal. Kies nl, fr, de of en.',
  invalid_national_number:
    'Het rijksregisternummer is ongeldig. Geef de 11 cijfers in zoals op de kaart (bv. 85.07.30-033.28) en controleer de laatste twee cijfers.',
  invalid_mobile_number: 'Het gsm-nummer is ongeldig. Geef een Belgisch nummer (bv. 0470 12 34 56) of een buitenlands nummer met landcode (bv. +31 6 12345678).',
  not_a_mobile_number: 'Dit is een vast nummer en kan geen sms ontvangen. Geef een gsm-nummer of kies een ander kanaal.',
  invalid_email: 'Het e-mailadres is ongeldig. Controleer het, bv. naam@voorbeeld.be.',
  invalid_postal_code: 'De postcode is ongeldig. Een Belgische postcode heeft 4 cijfers, van 1000 tot 9999.',
  invalid_birth_date: 'De geboortedatum is ongeldig. Gebruik het formaat JJJJ-MM-DD.',
  invalid_reference: 'Het dossiernummer is ongeldig. Gebruik 3 tot 40 letters, cijfers, punten, streepjes of underscores.',
  unknown_office: 'Dit loket is niet geconfigureerd. Controleer de naam van het loket.',
  missing_mobile_for_sms: 'Voor het kanaal sms is een gsm-nummer nodig. Vul contact.mobile in of kies een ander kanaal.',
  missing_email_for_email: 'Voor het kanaal email is een e-mailadres nodig. Vul contact.email in of kies een ander kanaal.',
  invalid_idempotency_key: 'De Idempotency-Key is ongeldig. Gebruik 1 tot 200 zichtbare tekens.',
  unauthorized: 'Geen geldige API-sleutel. Stuur de header Authorization: Bearer <sleutel>.',
  forbidden: 'Uw API-sleutel heeft geen recht op deze actie.',
  not_found: 'Dit dossier bestaat niet. Controleer het id.',
  route_not_found: 'Deze URL bestaat niet in de API. Raadpleeg /openapi.json.',
  duplicate_reference: 'Er bestaat al een dossier met dit dossiernummer. Gebruik een ander nummer of zoek het bestaande dossier op.',
  case_not_awaiting_production: 'Het dossier wacht niet meer op productie, dus het kan niet opnieuw klaargezet worden.',
  case_not_ready_for_pickup: 'Het document ligt nog niet klaar, dus het kan niet als afgehaald gemarkeerd worden.',
  case_closed: 'Het dossier is al afgesloten.',
  service_unavailable: 'De dienst is tijdelijk niet beschikbaar. Er is niets gewijzigd; probeer het over enkele minuten opnieuw.',
  internal_error: 'Er ging iets mis aan onze kant. Er is niets gewijzigd; probeer het opnieuw of meld het aan de beheerder.',
};
