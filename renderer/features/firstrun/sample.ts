/**
 * The sample article of the first run: written for Glossa (not a publisher's text) and
 * fictional, as its first line says. Small enough to read in a minute, with something of each
 * kind to tag: two direct quotes with named speakers, one indirect quote, three figures with
 * units and one claim a fact-checker could check.
 */
export const SAMPLE_TITLE = 'Riverside library to reopen after flood repairs';

export const SAMPLE_TEXT = `${SAMPLE_TITLE}

By Mara Ellison, Lowbridge Courier. A fictional article written for trying Glossa: the town, the people and the events in it do not exist.

LOWBRIDGE — The Riverside branch library will reopen on the first Monday of March, eleven months after floodwater filled its ground floor, the town council confirmed on Tuesday.

The repairs cost £2.4 million, paid for by the council's insurer and a grant from the county. Crews removed 1,234.5 tonnes of silt and broken shelving from the building over the summer, and the new floor has been laid 38 centimetres above the old one.

“We lost almost every picture book on the lower shelves, but we never lost a single reader,” said Priya Nandakumar, who has managed the branch for nine years. Since the flood, the library has lent books from a converted bus parked outside the town hall.

“The building is now higher than the water has ever reached, so the next flood should stay outside,” said Councillor Tom Berridge, who chairs the buildings committee.

Not everyone is convinced. Dana Whitcombe, the river officer for the regional water authority, said that the flood defences upstream would be reviewed before next winter, and that the council had not yet asked for the results of last year's survey.

The flood of last April was the highest the River Lowe has reached since records began in 1887, according to the council's own report.

Volunteers are asked to help carry the returned books back onto the shelves on the Saturday before the library opens. The café next door has promised free tea for anyone who brings a trolley.
`;
