/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("session_late_cancel_tour", {
    test: true,
    url: "/my/sessions",
    steps: () => [
        {
            content: "Open the upcoming session",
            trigger: ".o_session_upcoming tr a",
        },
        {
            content: "The page warns that cancelling now is late and costs the fee",
            trigger: ".o_session_cancel_late:contains('15.00')",
            isCheck: true,
        },
        {
            content: "Give a reason",
            trigger: ".o_session_cancel textarea[name='reason']",
            run: "text Stuck at work",
        },
        {
            content: "Cancel the session",
            trigger: ".o_session_cancel_button",
        },
        {
            content: "The session is cancelled late and shows the penalty invoice to pay",
            trigger: ".o_session_page:has(.o_session_state:contains('Cancelled Late')) .o_session_penalty a[href*='/my/invoices/']",
            isCheck: true,
        },
    ],
});
