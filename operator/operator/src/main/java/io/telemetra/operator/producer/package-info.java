/** The optional demo producer part: its Deployment. */
package io.telemetra.operator.producer;
