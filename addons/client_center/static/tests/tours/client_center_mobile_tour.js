/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * At phone width the panels' menu becomes a row of tabs above the panel
 * and every panel stays reachable.
 */
registry.category("web_tour.tours").add("client_center_mobile_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        {
            content: "The menu is a row of tabs, above the panel",
            trigger: ".o_client_center_menu ul.nav.flex-nowrap",
            run() {
                const menu = document.querySelector(".o_client_center_menu");
                const body = document.querySelector(".o_client_center_body");
                if (menu.getBoundingClientRect().bottom > body.getBoundingClientRect().top + 1) {
                    throw new Error("The menu should be above the panel at phone width");
                }
                if (document.documentElement.scrollWidth > window.innerWidth + 1) {
                    throw new Error("The page scrolls sideways at phone width");
                }
            },
        },
        {
            content: "Open the due payments from the tabs",
            trigger: ".o_client_center_menu .o_client_center_panel_payments",
        },
        {
            content: "The due invoice and the pay button are shown",
            trigger: ".o_client_center_payment_row",
            extra_trigger: ".o_client_center_pay_selected",
            isCheck: true,
        },
        {
            content: "Open the invoices",
            trigger: ".o_client_center_menu .o_client_center_panel_invoices",
        },
        {
            content: "The invoice can be downloaded",
            trigger: ".o_client_center_invoice_row .o_client_center_pdf",
            isCheck: true,
        },
    ],
});
