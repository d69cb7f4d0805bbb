/** @odoo-module **/

import { registry } from "@web/core/registry";

// Booking creates the meeting and renders the invitations (calendar's
// mails with their .ics) in the request: slower than a page on a busy host.
const BOOKING_TIMEOUT = 30000;

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
            timeout: BOOKING_TIMEOUT,
        },
        {
            content: "Choose the first free time",
            trigger: ".o_session_slots button.o_session_slot:first",
            timeout: BOOKING_TIMEOUT,
        },
        {
            content: "The session is booked and shows its join link",
            trigger: ".o_session_page:has(.alert-success) a.o_session_join[href*='/calendar/join_videocall/']",
            timeout: BOOKING_TIMEOUT,
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

/**
 * A step checking that ``selector`` is on screen at phone width and that the
 * page does not scroll sideways (tables stack or scroll inside their card).
 */
function onPhoneScreen(selector) {
    return {
        content: `${selector} is on screen, the page does not scroll sideways`,
        trigger: selector,
        timeout: BOOKING_TIMEOUT,
        run() {
            const width = window.innerWidth;
            const page = document.documentElement.scrollWidth;
            if (page > width + 1) {
                throw new Error(`The page is ${page}px wide on a ${width}px screen`);
            }
            const box = this.$anchor[0].getBoundingClientRect();
            if (box.left < 0 || box.right > width + 1) {
                throw new Error(`${selector} is off screen (${box.left}-${box.right} of ${width}px)`);
            }
        },
    };
}

registry.category("web_tour.tours").add("session_booking_phone_tour", {
    test: true,
    url: "/my/sessions",
    steps: () => [
        onPhoneScreen("a.o_session_book_button"),
        onPhoneScreen(".o_session_upcoming tr:first a"),
        {
            content: "Book a session of the paid package",
            trigger: "a.o_session_book_button",
        },
        onPhoneScreen(".o_session_days a.o_session_day:first"),
        {
            content: "Pick the first day with free times",
            trigger: ".o_session_days a.o_session_day:first",
        },
        onPhoneScreen(".o_session_slots button.o_session_slot:first"),
        {
            content: "Choose the first free time",
            trigger: ".o_session_slots button.o_session_slot:first",
        },
        onPhoneScreen(".o_session_page a.o_session_join"),
        onPhoneScreen(".o_session_when"),
        onPhoneScreen("button.o_session_cancel_button"),
    ],
});
