/** @odoo-module */
/*
 * The expert guide, Invoicing: an expert opens a sent invoice of its client
 * that shows an outstanding credit (the client's online payment), clicks
 * "Add" and the invoice becomes paid.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("expert_base_outstanding_credit_tour", {
    test: true,
    url: "/web#action=account.action_move_out_invoice_type",
    steps: () => [
        {
            content: "Open the client's sent invoice from the invoice list",
            trigger: ".o_data_row td:contains('Nora Outstanding')",
        },
        {
            content: "The invoice shows the client's outstanding credit",
            trigger: ".o_form_view #outstanding:contains('Outstanding credits')",
            isCheck: true,
        },
        {
            content: "Add the credit to the invoice",
            trigger: ".o_form_view a.outstanding_credit_assign",
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains('Paid')",
            isCheck: true,
        },
    ],
});
