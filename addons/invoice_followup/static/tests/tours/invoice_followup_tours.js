/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * The customer opens the invoice from the link of its email (no login):
 * the invoice page with the amount due, the download and the document.
 */
registry.category("web_tour.tours").add("invoice_followup_email_link_tour", {
    test: true,
    steps: () => [
        {
            content: "The invoice page shows the amount due",
            trigger: ".o_portal_invoice_sidebar h2:contains('100.00')",
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "The customer can download the PDF",
            trigger: ".o_portal_invoice_sidebar a.o_download_btn",
            isCheck: true,
        },
        {
            content: "The invoice document is shown",
            trigger: "iframe#invoice_html",
            run() {
                const frame = document.querySelector("iframe#invoice_html");
                if (!frame.getAttribute("src").includes("report_type=html")) {
                    throw new Error("The invoice frame should show the invoice");
                }
            },
        },
    ],
});

/**
 * The practice opens the invoice in the backend: the counters moved.
 */
registry.category("web_tour.tours").add("invoice_followup_counters_tour", {
    test: true,
    steps: () => [
        {
            content: "The invoice form shows one email sent and one view",
            timeout: 30000,
            trigger: ".o_invoice_followup_sent .o_stat_value:contains('1')",
            extra_trigger: ".o_invoice_followup_viewed .o_stat_value:contains('1')",
            isCheck: true,
        },
        {
            content: "Open the Follow-up tab",
            trigger: ".o_notebook a:contains('Follow-up')",
        },
        {
            content: "First and last views are filled in, in the reader's time zone",
            trigger: ".o_field_widget[name=first_viewed_at]:not(:empty)",
            extra_trigger: ".o_field_widget[name=followup_user_tz]:contains('Europe/Brussels')",
            isCheck: true,
        },
    ],
});
