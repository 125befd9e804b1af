/** The product's name, shown in the header and page titles. */
export const APP_NAME = "Front Door";
