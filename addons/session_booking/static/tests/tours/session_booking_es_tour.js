/** @odoo-module **/

import { registry } from "@web/core/registry";

// Booking creates the meeting and renders the invitations (calendar's
// mails with their .ics) in the request: slower than a page on a busy host.
const BOOKING_TIMEOUT = 30000;

/**
 * A client who reads Spanish books a session from /my/sessions and cancels
 * it. Every step checks the Spanish text the client reads, so a string
 * missing from the translations fails the tour.
 */
registry.category("web_tour.tours").add("session_booking_es_tour", {
    test: true,
    url: "/my/sessions",
    steps: () => [
        {
            content: "The portal opens in Spanish, under /es",
            trigger: "html[lang='es-ES'] .o_portal_wrap h4:contains('Próximas sesiones')",
            run() {
                if (!window.location.pathname.startsWith("/es/")) {
                    throw new Error(`The page is not the Spanish one: ${window.location.pathname}`);
                }
            },
        },
        {
            content: "Book a session of the paid package",
            trigger: "a.o_session_book_button:contains('Reservar')",
        },
        {
            content: "The booking page speaks Spanish",
            trigger: ".o_session_book h3:contains('Reservar una sesión:')",
            timeout: BOOKING_TIMEOUT,
            isCheck: true,
        },
        {
            content: "Pick the last day with free times (far enough ahead to cancel for free)",
            trigger: ".o_session_days a.o_session_day:last",
        },
        {
            content: "Choose the first free time",
            trigger: ".o_session_book h5:contains('Horas libres el') ~ .o_session_slots button.o_session_slot:first",
            timeout: BOOKING_TIMEOUT,
        },
        {
            content: "The session is booked, in Spanish",
            trigger: ".o_session_page .alert-success:contains('Su sesión está reservada')",
            timeout: BOOKING_TIMEOUT,
            isCheck: true,
        },
        {
            content: "The join button is in Spanish",
            trigger: "a.o_session_join:contains('Unirse a la videollamada')",
            isCheck: true,
        },
        {
            content: "Cancelling now is free, and the page says so in Spanish",
            trigger: ".o_session_cancel:has(h5:contains('Cancelar esta sesión')) .o_session_cancel_free:contains('Cancelar ahora es gratuito')",
            isCheck: true,
        },
        {
            content: "Give a reason",
            trigger: ".o_session_cancel textarea[name='reason'][placeholder='Motivo (opcional)']",
            run: "text Tengo un imprevisto",
        },
        {
            content: "Cancel the session",
            trigger: "button.o_session_cancel_button:contains('Cancelar la sesión')",
        },
        {
            content: "The session is cancelled, in Spanish",
            trigger: ".o_session_page:has(.o_session_state:contains('Cancelada')) .alert-info:contains('Su sesión está cancelada.')",
            timeout: BOOKING_TIMEOUT,
            isCheck: true,
        },
    ],
});
