/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * From /my/sessions: book the first free time of the first bookable package
 * and check the session page shows its video link.
 */
export function bookFirstFreeSlotSteps() {
    return [
        {
            content: "Book a session of the paid package",
            trigger: "a.o_session_book_button",
        },
        {
            content: "Pick the first day with free times",
            trigger: ".o_session_days a.o_session_day:first",
        },
        {
            content: "Choose the first free time",
            trigger: ".o_session_slots button.o_session_slot:first",
        },
        {
            content: "The session is booked and shows its join link",
            trigger: ".o_session_page:has(.alert-success) a.o_session_join[href*='/calendar/join_videocall/']",
            isCheck: true,
        },
    ];
}

registry.category("web_tour.tours").add("session_booking_portal_tour", {
    test: true,
    url: "/my/sessions",
    steps: () => [
        ...bookFirstFreeSlotSteps(),
        {
            content: "Back to my sessions",
            trigger: ".breadcrumb a[href='/my/sessions']",
        },
        {
            content: "The upcoming list holds the session",
            trigger: ".o_session_upcoming tr",
            isCheck: true,
        },
    ],
});
