/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_report_csv_tour", {
    test: true,
    url: "/web#action=sales_report.sales_report_detail_action_open",
    steps: () => [
        {
            content: "The provider table has a row per provider and currency",
            trigger: '.o_field_widget[name="provider_line_ids"] .o_data_row:contains("Tour Provider")',
            timeout: 30000,
            isCheck: true,
        },
        {
            content: "Sort it on the amount",
            trigger: '.o_field_widget[name="provider_line_ids"] th[data-name="amount"]',
        },
        {
            content: "Download the CSV of the offers",
            trigger: 'a.nav-link:contains("By Offer")',
        },
        {
            content: "Download",
            trigger: '.tab-pane.active button[name="action_download_csv"]',
        },
        {
            content: "The report is still there, no error",
            trigger: '.o_form_view:not(:has(.o_error_dialog)) .o_field_widget[name="offer_line_ids"] .o_data_row',
            isCheck: true,
        },
    ],
});
