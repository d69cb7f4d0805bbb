/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * The page reads at phone width: nothing makes it scroll sideways, and
 * every element matching ``selector`` is whole on screen (not cut by its
 * table or card).
 */
function checkPhoneWidth(selector) {
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
        throw new Error(`The page scrolls sideways at phone width (${document.documentElement.scrollWidth}px)`);
    }
    for (const el of document.querySelectorAll(selector)) {
        if (!el.getClientRects().length) {
            continue; // not shown at this width
        }
        const rect = el.getBoundingClientRect();
        if (rect.left < -1 || rect.right > window.innerWidth + 1) {
            throw new Error(`"${el.textContent.trim()}" is cut at phone width (${rect.left}-${rect.right})`);
        }
        // inside a table that scrolls, the element must be in the visible part
        const scroller = el.closest(".table-responsive");
        if (scroller) {
            const box = scroller.getBoundingClientRect();
            if (rect.left < box.left - 1 || rect.right > box.right + 1) {
                throw new Error(`"${el.textContent.trim()}" is hidden in a table scrolling sideways`);
            }
        }
    }
}

function panelSteps(panel, selector) {
    return [
        {
            content: `Open the ${panel} panel from the tabs`,
            trigger: `.o_client_center_menu .o_client_center_panel_${panel}`,
        },
        {
            content: `The ${panel} panel reads at phone width`,
            trigger: `.o_client_center[data-active-panel=${panel}] ${selector}`,
            run() {
                checkPhoneWidth(`.o_client_center_menu .nav-link, ${selector}`);
            },
        },
    ];
}

/**
 * At phone width the panels' menu becomes rows of tabs above the panel,
 * every tab whole on screen, and every panel reads without scrolling
 * sideways: amounts, statuses and actions are on screen.
 */
registry.category("web_tour.tours").add("client_center_mobile_tour", {
    test: true,
    url: "/client-center",
    steps: () => [
        {
            content: "The menu is rows of tabs, above the panel",
            trigger: ".o_client_center_menu ul.nav.flex-wrap",
            run() {
                const menu = document.querySelector(".o_client_center_menu");
                const body = document.querySelector(".o_client_center_body");
                if (menu.getBoundingClientRect().bottom > body.getBoundingClientRect().top + 1) {
                    throw new Error("The menu should be above the panel at phone width");
                }
                checkPhoneWidth(".o_client_center_menu .nav-link, .o_client_center_counter, .o_client_center_chat_send");
            },
        },
        ...panelSteps("payments", ".o_client_center_payment_row .o_client_center_amount"),
        {
            content: "The due invoice and the pay button are shown",
            trigger: ".o_client_center_payment_row",
            extra_trigger: ".o_client_center_pay_selected",
            isCheck: true,
        },
        {
            content: "The total due is whole on screen",
            trigger: ".o_client_center_total_due",
            run() {
                checkPhoneWidth(".o_client_center_total_due, .o_client_center_pay_all, .o_client_center_statement");
            },
        },
        ...panelSteps("orders", ".o_client_center_order_row .o_client_center_amount"),
        {
            content: "The order's actions are on screen",
            trigger: ".o_client_center_order_row .o_client_center_reorder",
            run() {
                checkPhoneWidth(".o_client_center_order_row .btn");
            },
        },
        ...panelSteps("invoices", ".o_client_center_invoice_row .o_client_center_amount"),
        {
            content: "The invoice can be downloaded",
            trigger: ".o_client_center_invoice_row .o_client_center_pdf",
            run() {
                checkPhoneWidth(".o_client_center_invoice_row .o_client_center_pdf, .o_client_center_invoice_status");
            },
        },
        ...panelSteps("sessions", ".o_client_center_package_row .btn"),
        {
            content: "Back home",
            trigger: ".o_client_center_menu .o_client_center_panel_home",
        },
        {
            content: "The home reads at phone width",
            trigger: ".o_client_center[data-active-panel=home] .o_client_center_chat",
            run() {
                checkPhoneWidth(".o_client_center_counter, .o_client_center_chat_send");
            },
        },
    ],
});
